package io.celeriac.ai.db;

import io.celeriac.ai.model.User;
import io.celeriac.db.Database;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads and adds rows of the shared {@code users} table. */
public final class UserStore {
    private final Jdbi jdbi;

    public UserStore(Database database) {
        this.jdbi = database.jdbi();
    }

    public User add(String name, String email, String phone, ZoneId zone, boolean notifyEmail, boolean notifySms, Instant now) {
        return jdbi.withHandle(h -> Rows.bindInstant(h.createQuery("""
                        INSERT INTO users (name, email, phone, time_zone, notify_email, notify_sms, created_at, updated_at)
                        VALUES (:name, :email, :phone, :zone, :notifyEmail, :notifySms, :now, :now) RETURNING *""")
                        .bind("name", name).bind("email", email).bind("phone", phone).bind("zone", zone.getId())
                        .bind("notifyEmail", notifyEmail).bind("notifySms", notifySms), "now", now)
                .map(Rows::user).one());
    }

    public Optional<User> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE id = :id").bind("id", id).map(Rows::user).findOne());
    }

    public List<User> list(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY id LIMIT :limit").bind("limit", limit)
                .map(Rows::user).list());
    }
}
