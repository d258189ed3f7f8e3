/**
 * What operators ask of the fleet, answered from Redis alone: which workers are alive, what every
 * queue holds, where one task is and why it is not running, and the few write actions an operator
 * needs (purge a queue, requeue or drop dead letters, revoke a task).
 *
 * <p>Celery's {@code inspect} broadcasts to live workers and hears only them; reading Redis also
 * tells the truth about dead workers (their in-flight lists and stale heartbeats), queued and
 * delayed work, and queues declared by Python Celery (kombu binding sets, the {@code unacked}
 * hash). Reads scan lists in chunks: these are admin commands, not hot paths. Every write that
 * touches more than one key is a Lua script beside this package's resources. Time comes in as
 * arguments; nothing here reads a clock.
 */
package io.celeriac.core.admin;
