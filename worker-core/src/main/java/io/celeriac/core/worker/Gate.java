package io.celeriac.core.worker;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Open while the worker is idle: the blocking fetchers wait on it so they only block when there is nothing to batch. */
final class Gate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition opened = lock.newCondition();
    private volatile boolean open;

    void open() {
        if (open) {
            return;
        }
        lock.lock();
        try {
            open = true;
            opened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        open = false;
    }

    /** Waits until open, up to {@code timeout}; returns whether it is open. */
    boolean awaitOpen(Duration timeout) throws InterruptedException {
        if (open) {
            return true;
        }
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!open && nanos > 0) {
                nanos = opened.awaitNanos(nanos);
            }
            return open;
        } finally {
            lock.unlock();
        }
    }
}
