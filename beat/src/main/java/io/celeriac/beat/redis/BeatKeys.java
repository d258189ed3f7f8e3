package io.celeriac.beat.redis;

import io.celeriac.core.broker.redis.RedisKeys;

/**
 * Every Redis key beat uses, under Celeriac's prefix ({@code celeriac:beat:...} by default). The
 * layout follows RedBeat's (PROTOCOL.md 5.3): one hash per entry, a set of names, a lock.
 */
public final class BeatKeys {
    private final String base;

    public BeatKeys(RedisKeys keys) {
        this.base = keys.prefix() + "beat:";
    }

    /** SET: the name of every entry, static and dynamic. */
    public String entries() {
        return base + "entries";
    }

    /** SET: the names defined by the config; sync deletes those gone from it, the CLI may not remove them. */
    public String statics() {
        return base + "statics";
    }

    /**
     * HASH: one entry. {@code definition} (canonical JSON), {@code sched} (schedule text),
     * {@code rev} (bumped by every change), {@code next} (due time, ms; absent = never),
     * {@code last_run} (ms), {@code last_task_id}, {@code runs}, {@code skipped},
     * {@code override} ({@code enabled} or {@code disabled}, from the CLI).
     */
    public String entry(String name) {
        return base + "entry:" + name;
    }

    /** STRING (integer): bumped by every change to any entry, so a beat knows when to reload. */
    public String version() {
        return base + "version";
    }

    /** HASH: the leader lease: {@code owner} (a beat's token), {@code expires} (ms), {@code renewed} (ms, its last pass). */
    public String leader() {
        return base + "leader";
    }

    /** Pub/sub channel: a message on every change and every lease release, waking running beats. */
    public String changes() {
        return base + "changes";
    }

    /** Glob of every key above, for tests that clean up after themselves. */
    public String pattern() {
        return base + "*";
    }
}
