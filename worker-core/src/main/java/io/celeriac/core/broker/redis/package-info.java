/** The Redis side of the broker: every key name, the Lua scripts, and the Redisson client. */
package io.celeriac.core.broker.redis;
