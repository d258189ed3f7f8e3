package io.celeriac.core.worker;

import java.util.concurrent.atomic.LongAdder;

/** Counters a worker reports in its heartbeat record and to metrics. */
public final class WorkerStats {
    final LongAdder processed = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder fenced = new LongAdder();

    public long processed() {
        return processed.sum();
    }

    public long succeeded() {
        return succeeded.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long retried() {
        return retried.sum();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    /** Outcomes not written because the worker no longer held their messages. */
    public long fenced() {
        return fenced.sum();
    }

}
