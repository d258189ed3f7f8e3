/**
 * The worker process: a {@link io.celeriac.core.worker.Fetcher} moves messages into the worker's
 * in-flight lists, runners execute them ({@link io.celeriac.core.worker.TaskExecution}), a
 * {@link io.celeriac.core.worker.Completer} writes acks, results and retries in atomic batches,
 * and small loops keep the lease ({@link io.celeriac.core.worker.Heartbeat}), recover dead
 * workers' messages ({@link io.celeriac.core.worker.LeaseRecoverer}) and forward delayed ones
 * ({@link io.celeriac.core.worker.DelayedForwarder}).
 */
package io.celeriac.core.worker;
