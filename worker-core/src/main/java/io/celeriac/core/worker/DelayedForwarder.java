package io.celeriac.core.worker;

import io.celeriac.core.broker.Broker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Moves delayed messages (countdowns, ETAs, retries) onto their queues when due. One worker of the
 * fleet does it at a time, holding the forwarding lease; the others stand by. The move itself is
 * one script, so each message is forwarded exactly once even when two forwarders overlap.
 *
 * <ol>
 *   <li>take or renew the lease and forward up to {@value #BATCH} due messages (forward-due-2.lua);
 *       if the batch was full, go again at once;</li>
 *   <li>the holder watches the delayed set ({@link Broker#watchDelayed}) and sleeps until the next
 *       due time: a message added meanwhile wakes it (at most every {@link #MIN_GAP}, so a stream of
 *       delayed sends costs a pass per gap, not per send); while the watch is down it polls every
 *       {@link #POLL} instead;</li>
 *   <li>its heartbeat keeps the lease ({@link #leaseSeen}); a standby does nothing until its own
 *       heartbeat finds the lease free (the holder left, or died and its lease ran out), then
 *       takes it with a pass. So an idle fleet's forwarding costs Redis the same with 1 worker or
 *       1,000: the holder's watch, and nothing per standby.</li>
 * </ol>
 *
 * <p>Every pass reads the clock it was given; between passes it returns how long to wait, at most
 * {@link #TICK}, and a turn that ends a wait with nothing to do costs Redis nothing (every
 * {@link #CHECK} the holder checks its watch).
 */
public final class DelayedForwarder {
    static final int BATCH = 500;
    /** The holder's longest sleep while its watch is down: due messages still move within this. */
    static final Duration POLL = Duration.ofMillis(250);
    /** The longest rest between two turns; a turn with nothing to do asks Redis nothing. */
    public static final Duration TICK = Duration.ofSeconds(15);
    /** How often an idle holder checks that its watch still holds (one PING; its subscriber is pinged on its own). */
    static final Duration CHECK = Duration.ofSeconds(30);
    /** The shortest time between two passes the watch asked for. */
    public static final Duration MIN_GAP = Duration.ofMillis(50);

    private final Broker broker;
    private final Clock clock;
    private final Duration maxSleep;
    private final String worker;
    private final Duration lease;
    private volatile boolean holding;
    /** Set at start (every worker asks once) and when a heartbeat finds the lease free. */
    private volatile boolean vacant = true;
    /** The watch saw the delayed set change since the last pass. */
    private volatile boolean changed;
    private volatile Runnable wake = () -> { };
    private Broker.Watch watch;
    private Instant lastPass;
    private Instant nextPass = Instant.MIN;
    private Instant nextCheck = Instant.MIN;

    /** A forwarder that forwards on every pass, whoever else does, sleeping at most {@code maxSleep} (tests of the move itself). */
    public DelayedForwarder(Broker broker, Clock clock, Duration maxSleep) {
        this.broker = broker;
        this.clock = clock;
        this.maxSleep = maxSleep;
        this.worker = null;
        this.lease = null;
    }

    /** The fleet's forwarder while {@code worker} holds the lease ({@code lease} long, renewed by its heartbeat), a standby otherwise. */
    public DelayedForwarder(Broker broker, Clock clock, String worker, Duration lease) {
        this.broker = broker;
        this.clock = clock;
        this.maxSleep = POLL;
        this.worker = worker;
        this.lease = lease;
    }

    /** How to wake the loop that runs this forwarder (its watch and the heartbeat call it). */
    public void wakeWith(Runnable wake) {
        this.wake = wake;
    }

    /** Whether this worker forwards for the fleet (it also recovers dead workers' messages then). */
    public boolean holding() {
        return holding;
    }

    /** The forwarding lease held for this long, renewed by the holder's heartbeats. */
    public Duration lease() {
        return lease;
    }

    /**
     * What a heartbeat found. A free lease wakes a standby to take it (and a holder whose lease ran
     * out, to take it back); a holder that finds another worker holding it looks at once, and
     * stands by.
     */
    public void leaseSeen(Broker.ForwardingLease seen) {
        if (seen == Broker.ForwardingLease.VACANT || seen == Broker.ForwardingLease.ANOTHER && holding) {
            vacant = seen == Broker.ForwardingLease.VACANT;
            changed = true;
            wake.run();
        }
    }

    /** One turn; returns how long to wait before the next. */
    public Duration runOnce() {
        Instant now = clock.instant();
        if (worker == null) {
            return afterPass(now, broker.forwardDue(now, BATCH));
        }
        if (!holding && !vacant) {
            return TICK;
        }
        if (holding && watch != null && watch.live() && !changed && now.isBefore(nextPass)) {
            return idle(now);
        }
        // a pass only the watch asked for waits for the gap; one that is due (a full batch, the next
        // due time) does not, though the watch saw the last pass's own moves
        boolean due = !now.isBefore(nextPass);
        if (!due && changed && lastPass != null && Duration.between(lastPass, now).compareTo(MIN_GAP) < 0) {
            Duration gapLeft = MIN_GAP.minus(Duration.between(lastPass, now));
            Duration untilPass = Duration.between(now, nextPass);
            return gapLeft.compareTo(untilPass) < 0 ? gapLeft : untilPass;
        }
        changed = false;
        Broker.Forwarded result = broker.forwardDueAsForwarder(worker, now, BATCH, lease);
        lastPass = now;
        if (result.standBy() != null) {
            standBy();
            return TICK;
        }
        holding = true;
        vacant = false;
        boolean wasLive = watch != null && watch.live();
        watch();
        if (!wasLive && watch.live() && result.moved() < BATCH) {
            // armed only now, after this pass read the set: a message added in between was seen by
            // neither, and would wait a whole TICK; one more pass, now that changes wake us, sees it
            nextPass = now;
            return Duration.ZERO;
        }
        return afterPass(now, result);
    }

    /** Nothing due and nothing changed: one PING now and then proves the watch still holds. */
    private Duration idle(Instant now) {
        if (!now.isBefore(nextCheck)) {
            nextCheck = now.plus(CHECK);
            if (!watch.check()) {
                nextPass = now;
                return Duration.ZERO;
            }
        }
        Duration untilPass = Duration.between(now, nextPass);
        return untilPass.compareTo(TICK) < 0 ? untilPass : TICK;
    }

    private Duration afterPass(Instant now, Broker.Forwarded result) {
        if (result.moved() >= BATCH) {
            nextPass = now;
            return Duration.ZERO;
        }
        // watched, the holder sleeps until the next due time; else it looks every maxSleep
        boolean watched = watch != null && watch.live();
        Duration untilDue = result.nextDue() == null ? Duration.ofDays(1) : Duration.between(now, result.nextDue());
        if (untilDue.isNegative()) {
            untilDue = Duration.ZERO;
        }
        Duration cap = watched ? TICK : maxSleep;
        nextPass = now.plus(untilDue);
        nextCheck = now.plus(CHECK);
        return untilDue.compareTo(cap) < 0 ? untilDue : cap;
    }

    /** Opens the holder's watch (its first pass, or after it failed) and arms it. */
    private void watch() {
        if (watch == null) {
            watch = broker.watchDelayed(() -> {
                changed = true;
                wake.run();
            });
        }
        watch.arm();
    }

    private void standBy() {
        holding = false;
        vacant = false;
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    /** Closes the watch (the worker is leaving). */
    public void close() {
        standBy();
    }
}
