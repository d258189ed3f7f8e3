package io.celeriac.bench;

/**
 * One boot run's figures, in seconds from the exec of the worker command and MB; NaN where the
 * run could not tell (a log line not found, /proc not readable).
 *
 * @param firstResultS  exec to the first task's result in Redis
 * @param lastResultS   exec to every task's result in Redis (the drain, boot included)
 * @param launcherS     exec to the JVM's exec by the launcher script (NaN when no launcher ran)
 * @param readyS        exec to the worker's own "ready" log line
 * @param peakRssMb     peak resident memory during boot and drain (VmHWM, summed over a pool)
 * @param idleRssMb     resident memory ~2 s after the drain (VmRSS, summed over a pool)
 * @param idlePssMb     the same as PSS (shared pages shared out)
 * @param idleThreads   threads ~2 s after the drain (all processes of a pool)
 * @param processes     processes measured (1 for a JVM; the main one and its pool for Celery)
 */
record BootRun(double firstResultS, double lastResultS, double launcherS, double readyS, double peakRssMb,
               double idleRssMb, double idlePssMb, int idleThreads, int processes) {
}
