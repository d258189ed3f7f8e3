package io.celeriac.core.loop;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** A sleep that another thread can cut short, so loops react at once to new work or to stop. */
public final class Waiter {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;

    /** Waits up to {@code timeout} or until {@link #wake()}; returns true when woken. */
    public boolean await(Duration timeout) throws InterruptedException {
        long nanos = Math.max(0, timeout.toNanos());
        lock.lock();
        try {
            while (!woken && nanos > 0) {
                nanos = signal.awaitNanos(nanos);
            }
            boolean wasWoken = woken;
            woken = false;
            return wasWoken;
        } finally {
            lock.unlock();
        }
    }

    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Convenience for callers that count in milliseconds. */
    public boolean await(long amount, TimeUnit unit) throws InterruptedException {
        return await(Duration.ofNanos(unit.toNanos(amount)));
    }
}
