/**
 * Flow control across the fleet: queue pauses, queue weights and unique tasks. Each piece keeps
 * its truth in the broker (so it outlives every worker) and a cheap copy in the worker's memory.
 */
package io.celeriac.core.flow;
