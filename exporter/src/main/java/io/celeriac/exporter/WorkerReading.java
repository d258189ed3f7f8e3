package io.celeriac.exporter;

/**
 * One worker as its heartbeat record says (or several folded into {@code other}).
 *
 * @param heartbeatAgeMs since its last heartbeat, on Redis's clock
 * @param leaseMs        silent this long, it is taken for dead and its messages go back
 * @param runnersAlive   runner threads alive at its last heartbeat
 * @param concurrency    runner threads it is configured for
 */
record WorkerReading(String label, long heartbeatAgeMs, long leaseMs, long runnersAlive, long concurrency) {

    boolean alive() {
        return heartbeatAgeMs < leaseMs;
    }

    /** The stalest heartbeat, the sums of runners. */
    WorkerReading merge(WorkerReading other) {
        return new WorkerReading(label, Math.max(heartbeatAgeMs, other.heartbeatAgeMs), Math.min(leaseMs, other.leaseMs),
                runnersAlive + other.runnersAlive, concurrency + other.concurrency);
    }
}
