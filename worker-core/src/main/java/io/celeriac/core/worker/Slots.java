package io.celeriac.core.worker;

import java.util.concurrent.Semaphore;

/**
 * The worker's capacity as permits (concurrency x prefetch): the fetcher takes one per message, a
 * runner gives it back when the message ends. Resizable at run time (Celery's {@code pool_grow},
 * {@code pool_shrink}, {@code autoscale}): shrinking takes permits out as they come back, so no
 * running task is disturbed.
 */
final class Slots extends Semaphore {
    private int capacity;

    Slots(int capacity) {
        super(capacity);
        this.capacity = capacity;
    }

    synchronized int capacity() {
        return capacity;
    }

    /** Sets the capacity; the change shows in the permits at once (a shrink may leave them negative for a while). */
    synchronized void resize(int newCapacity) {
        if (newCapacity > capacity) {
            release(newCapacity - capacity);
        } else if (newCapacity < capacity) {
            reducePermits(capacity - newCapacity);
        }
        capacity = newCapacity;
    }
}
