package io.celeriac.core.worker;

import java.util.concurrent.Semaphore;

/**
 * Bounds the heap that messages being run may take together, so a worker with a small heap and
 * several runners survives large messages: each execution first reserves an estimate of what its
 * message will cost (the bytes, the decoded body, the JSON trees, the result) and waits while the
 * others hold too much. A message costing more than the whole budget runs alone.
 *
 * <p>The size limit ({@code max_message_size}) bounds one message; this bounds their sum. Measured:
 * a worker at {@code -Xmx64m} and concurrency 4 ran out of memory on twenty 2.7 MB messages without
 * it, and runs them with it.
 */
final class MemoryBudget {
    /** Heap used per byte of message while it runs: raw bytes, base64 text, decoded body, JSON tree, result. */
    static final int EXPANSION = 6;
    /** Messages below this run without asking: the budget is for the large ones. */
    static final int FREE_BELOW = 64 * 1024;

    private final Semaphore permits;
    private final int total;

    /** @param bytes the heap messages may take together (permits are kilobytes) */
    MemoryBudget(long bytes) {
        this.total = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / 1024));
        this.permits = new Semaphore(total, true);
    }

    /** Half the heap the JVM may grow to: the rest is the worker's own and the tasks'. */
    static MemoryBudget ofHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 2);
    }

    /** Reserves for a message of {@code size} bytes; returns the permits to give back. */
    int reserve(int size) {
        if (size < FREE_BELOW) {
            return 0;
        }
        int want = (int) Math.min(total, (long) size * EXPANSION / 1024 + 1);
        // the holders are runners that will finish: waiting for them is bounded by their tasks
        permits.acquireUninterruptibly(want);
        return want;
    }

    void release(int reserved) {
        if (reserved > 0) {
            permits.release(reserved);
        }
    }
}
