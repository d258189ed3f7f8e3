package io.celeriac.beat.redis;

import io.celeriac.beat.BeatEntry;

/** An entry as read from Redis: its definition and its state. */
public record StoredEntry(BeatEntry entry, EntryState state) {

    /** The operator's override if any, else the definition's flag. */
    public boolean enabled() {
        return state.override() != null ? state.override() : entry.enabled();
    }

    public String name() {
        return entry.name();
    }
}
