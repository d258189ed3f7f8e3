/**
 * Flow control across the fleet: rate limits (Celery's {@code 10/s}, {@code 100/m}, {@code 1000/h})
 * and concurrency limits, per task name, per key taken from the task's arguments, or shared by
 * several task names; queue pauses, queue weights and unique tasks. {@link
 * io.celeriac.core.flow.FlowGate} is the limits' entry: a worker asks it before each task runs.
 * Each piece keeps its truth in the broker (one Lua script per operation, so every worker draws
 * from the same buckets, slots and locks and it outlives every worker) and a cheap copy in the
 * worker's memory where it can.
 */
package io.celeriac.core.flow;
