package io.celeriac.core.flow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Sends the token requests of a worker's runners together: a runner queues its request, then
 * whoever holds the sender's lock sends every request queued so far in one round trip
 * ({@link FlowStore#takeTokens}), its own and the others'. Alone, a runner sends its own at once;
 * while a round trip is on its way, the requests that arrive meanwhile go together in the next.
 * A limit that never bites then costs a fraction of a round trip per task, not one each; at rates
 * over one token per ms a request may also take several tokens at once ({@link TokenAllowances}),
 * and the runners use those without a round trip.
 */
final class TokenBatches {
    /** At most this many requests in one round trip. */
    static final int MAX_BATCH = 64;

    private final FlowStore store;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sending = new ReentrantLock();
    private final TokenAllowances allowances;
    private final LongSupplier clock;

    /**
     * {@code clock}: the worker's clock in epoch ms, to tell whether tokens taken ahead are still
     * valid, and to date each request when it is sent rather than when its runner queued it (a
     * request that waited behind a round trip, or a pause, would otherwise arrive dated before
     * tokens already handed out and be sent round the delayed set for nothing).
     */
    TokenBatches(FlowStore store, TokenAllowances allowances, LongSupplier clock) {
        this.store = store;
        this.allowances = allowances;
        this.clock = clock;
    }

    /** Read and written under {@link #sending}. */
    private static final class Pending {
        final FlowStore.TokenRequest request;
        FlowStore.Token token;
        RuntimeException error;

        Pending(FlowStore.TokenRequest request) {
            this.request = request;
        }
    }

    FlowStore.Token take(FlowStore.TokenRequest request) {
        if (allowances.tryTake(request.bucket(), clock.getAsLong())) {
            return FlowStore.Token.NOW;
        }
        Pending mine = new Pending(request);
        queue.add(mine);
        sending.lock();
        try {
            while (mine.token == null && mine.error == null) {
                send();
            }
            if (mine.error != null) {
                throw mine.error;
            }
            return mine.token;
        } finally {
            sending.unlock();
        }
    }

    /** Sends what is queued (called holding the lock); each request gets its token or the batch's error. */
    private void send() {
        List<Pending> batch = new ArrayList<>();
        List<FlowStore.TokenRequest> requests = new ArrayList<>();
        Set<String> asking = new HashSet<>();
        for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            long now = clock.getAsLong();
            if (allowances.tryTake(next.request.bucket(), now)) {
                next.token = FlowStore.Token.NOW; // the previous round trip took enough for it
                continue;
            }
            batch.add(next);
            FlowStore.TokenRequest request = next.request.at(Math.max(now, next.request.nowMillis()));
            // one request per bucket asks for tokens ahead; the batch's others take one each
            requests.add(asking.add(request.bucket()) ? request.wanting(allowances.want(request)) : request);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<FlowStore.Token> tokens = store.takeTokens(requests);
            long answered = clock.getAsLong();
            for (int i = 0; i < batch.size(); i++) {
                FlowStore.Token token = tokens.get(i);
                if (token.count() > 1) {
                    // valid from the answer, as a single token is used on its answer: a slow round
                    // trip delays both alike, and tokens ahead add only their own millisecond
                    allowances.granted(requests.get(i).bucket(), answered, token.count());
                    token = FlowStore.Token.NOW;
                }
                batch.get(i).token = token;
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.error = e);
        }
    }
}
