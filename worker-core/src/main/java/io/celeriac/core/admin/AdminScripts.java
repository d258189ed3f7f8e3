package io.celeriac.core.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The admin Lua scripts in this package's resources; each file's header documents KEYS, ARGV and returns. */
final class AdminScripts {
    static final String PURGE_QUEUE = load("purge-queue-4.lua");
    static final String REQUEUE_DEAD = load("requeue-dead-n.lua");
    static final String DROP_DEAD = load("drop-dead-1.lua");
    static final String RUN_DELAYED_NOW = load("run-delayed-now-2.lua");

    private AdminScripts() {
    }

    private static String load(String name) {
        try (InputStream in = AdminScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
