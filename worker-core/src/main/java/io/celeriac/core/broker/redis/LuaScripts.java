package io.celeriac.core.broker.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts beside this class, read once; each file's header documents KEYS, ARGV and returns. */
final class LuaScripts {
    static final String FETCH = load("fetch.lua");
    static final String WATCH = load("watch-n.lua");
    static final String COMPLETE = load("complete.lua");
    static final String FORWARD_DUE = load("forward-due-2.lua");
    static final String RELEASE_FORWARDER = load("release-forwarder.lua");
    static final String RECOVER_WORKER = load("recover-worker.lua");
    static final String HEARTBEAT = load("heartbeat-2.lua");
    static final String BATCH_OPEN = load("batch-open-2.lua");
    static final String BATCH_ADD = load("batch-add-4.lua");
    static final String UNIQUE_LOCK = load("unique-lock.lua");
    static final String TAKE_TOKEN = load("take-token-3.lua");
    static final String ACQUIRE_SLOT = load("acquire-slot-2.lua");
    static final String CLUSTER_TAKE_OUTBOX = load("cluster-take-outbox.lua");
    static final String CLUSTER_REQUEUE = load("cluster-requeue.lua");
    static final String CLUSTER_FORWARDING_LEASE = load("cluster-forwarding-lease.lua");

    private LuaScripts() {
    }

    private static String load(String name) {
        try (InputStream in = LuaScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
