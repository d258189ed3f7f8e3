package io.celeriac.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One circuit breaker: closed, open for a while, then half-open for one trial call. Outcomes are
 * kept with the user they were for, so the breaker can insist on failures from several users
 * before it opens ({@link BreakerPolicy#minFailingUsers()}). Thread-safe by its monitor; calls
 * are short.
 */
final class Breaker {
    enum State { CLOSED, OPEN, HALF_OPEN }

    private record Outcome(String user, boolean failed) {
    }

    private final BreakerPolicy policy;
    private final Deque<Outcome> window = new ArrayDeque<>();
    private State state = State.CLOSED;
    private Instant openedAt;
    private boolean trialOut;

    Breaker(BreakerPolicy policy) {
        this.policy = policy;
    }

    /** Whether a call may go ahead now; in half-open, only one at a time (the trial). */
    synchronized boolean tryAcquire(Instant now) {
        if (state == State.OPEN && !now.isBefore(openedAt.plus(policy.openFor()))) {
            state = State.HALF_OPEN;
            trialOut = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialOut) {
                    yield false;
                }
                trialOut = true;
                yield true;
            }
        };
    }

    /** A permission taken but not used (another breaker refused the call). */
    synchronized void release() {
        trialOut = false;
    }

    synchronized void record(String user, boolean failed, Instant now) {
        if (state == State.HALF_OPEN) {
            trialOut = false;
            if (failed) {
                open(now);
            } else {
                state = State.CLOSED;
                window.clear();
            }
            return;
        }
        if (state == State.OPEN) {
            return; // a call that started before the breaker opened
        }
        window.addLast(new Outcome(user, failed));
        while (window.size() > policy.window()) {
            window.removeFirst();
        }
        if (shouldOpen()) {
            open(now);
        }
    }

    private boolean shouldOpen() {
        if (window.size() < policy.minCalls()) {
            return false;
        }
        int failures = 0;
        Set<String> failingUsers = new HashSet<>();
        for (Outcome outcome : window) {
            if (outcome.failed()) {
                failures++;
                failingUsers.add(Objects.requireNonNullElse(outcome.user(), ""));
            }
        }
        return failures * 100 >= policy.failurePercent() * window.size() && failingUsers.size() >= policy.minFailingUsers();
    }

    private void open(Instant now) {
        state = State.OPEN;
        openedAt = now;
        window.clear();
    }

    synchronized State state(Instant now) {
        if (state == State.OPEN && !now.isBefore(openedAt.plus(policy.openFor()))) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How long until a trial call may go through; zero unless open. */
    synchronized Duration remaining(Instant now) {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, openedAt.plus(policy.openFor()));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
