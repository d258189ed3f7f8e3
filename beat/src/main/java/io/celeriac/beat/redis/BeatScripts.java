package io.celeriac.beat.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Lua scripts beside this class, read once; each file's header documents KEYS, ARGV and returns. */
final class BeatScripts {
    static final String LEASE = load("lease-1.lua");
    static final String RELEASE_LEASE = load("release-lease-1.lua");
    static final String CLAIM = load("claim-2.lua");
    static final String UPSERT = load("upsert-4.lua");
    static final String REMOVE = load("remove-4.lua");
    static final String OVERRIDE = load("override-2.lua");
    static final String UNCLAIM = load("unclaim-1.lua");
    static final String TIME = load("time-0.lua");

    private BeatScripts() {
    }

    private static String load(String name) {
        try (InputStream in = BeatScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
