package io.celeriac.core.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends the token requests of a worker's runners together: a runner queues its request, then
 * whoever holds the sender's lock sends every request queued so far in one round trip
 * ({@link FlowStore#takeTokens}), its own and the others'. Alone, a runner sends its own at once;
 * while a round trip is on its way, the requests that arrive meanwhile go together in the next.
 * A limit that never bites then costs a fraction of a round trip per task, not one each.
 */
final class TokenBatches {
    /** At most this many requests in one round trip. */
    static final int MAX_BATCH = 64;

    private final FlowStore store;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sending = new ReentrantLock();

    TokenBatches(FlowStore store) {
        this.store = store;
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
        for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<FlowStore.Token> tokens = store.takeTokens(batch.stream().map(p -> p.request).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).token = tokens.get(i);
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.error = e);
        }
    }
}
