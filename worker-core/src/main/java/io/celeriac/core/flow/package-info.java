/**
 * Flow control across the fleet: rate limits (Celery's {@code 10/s}, {@code 100/m}, {@code 1000/h})
 * and concurrency limits, per task name, per key taken from the task's arguments, or shared by
 * several task names. {@link io.celeriac.core.flow.FlowGate} is the entry: a worker asks it before
 * each task runs. The state lives in the broker ({@link io.celeriac.core.flow.FlowStore}, one Lua
 * script per operation), so every worker of the fleet draws from the same buckets and slots.
 */
package io.celeriac.core.flow;
