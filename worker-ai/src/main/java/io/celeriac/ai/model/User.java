package io.celeriac.ai.model;

import java.time.ZoneId;

/** A row of the shared {@code users} table, as the AI module reads it. */
public record User(long id, String name, String email, String phone, ZoneId zone, boolean notifyEmail,
                   boolean notifySms) {
}
