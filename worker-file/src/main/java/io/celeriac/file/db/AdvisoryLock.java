package io.celeriac.file.db;

import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A PostgreSQL session advisory lock, so two runs of a task never overlap on any host. The lock
 * lives on one pooled connection held for the run; if the process dies, the connection closes and
 * PostgreSQL releases it, so a crash never leaves the lock stuck.
 */
public final class AdvisoryLock {
    private final Jdbi jdbi;
    private final String name;

    /** @param name the lock's name; hashed by PostgreSQL ({@code hashtext}) into the lock key */
    public AdvisoryLock(Jdbi jdbi, String name) {
        this.jdbi = jdbi;
        this.name = name;
    }

    /** Runs {@code body} holding the lock; empty, without running it, when another session holds it. */
    public <T> Optional<T> tryRun(Supplier<T> body) {
        try (Handle h = jdbi.open()) {
            boolean locked = h.createQuery("SELECT pg_try_advisory_lock(hashtext(:name))").bind("name", name)
                    .mapTo(Boolean.class).one();
            if (!locked) {
                return Optional.empty();
            }
            try {
                return Optional.of(body.get());
            } finally {
                h.createQuery("SELECT pg_advisory_unlock(hashtext(:name))").bind("name", name).mapTo(Boolean.class).one();
            }
        }
    }
}
