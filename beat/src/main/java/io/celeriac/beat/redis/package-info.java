/**
 * Beat's Redis layer: every key in {@link io.celeriac.beat.redis.BeatKeys}, every multi-key change
 * a Lua script beside these classes (headed by KEYS / ARGV / returns), time always passed in.
 */
package io.celeriac.beat.redis;
