package io.celeriac.db;

import io.celeriac.core.CeleriacException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A PostgreSQL session advisory lock, so two runs of a task never overlap on any host. It lives on
 * one pooled connection held for the run: if the process dies, PostgreSQL ends the session and
 * frees the lock, so a crash never leaves it stuck. Taken with {@code pg_try_advisory_lock}: a
 * second run skips instead of queueing behind the first. The key includes the schema, so
 * applications (or test classes) in other schemas never contend.
 */
public final class AdvisoryLock {
    private final Database database;
    private final long key;

    public AdvisoryLock(Database database, String name) {
        this.database = database;
        this.key = keyOf(name + "@" + database.schema());
    }

    /** Runs {@code body} holding the lock; empty, without running it, when another session holds it. */
    public <T> Optional<T> tryRun(Supplier<T> body) {
        Optional<Held> held = tryAcquire();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        try (Held ignored = held.get()) {
            return Optional.of(body.get());
        }
    }

    /** The held lock, or empty when another session holds it. */
    public Optional<Held> tryAcquire() {
        Connection connection = null;
        try {
            connection = database.dataSource().getConnection();
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, key);
                try (ResultSet rs = statement.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return Optional.of(new Held(connection, key));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new LockFailedException(e);
        }
    }

    /** A held lock; closing releases it and returns the connection. */
    public static final class Held implements AutoCloseable {
        private final Connection connection;
        private final long key;

        private Held(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void close() {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, key);
                statement.execute();
            } catch (SQLException e) {
                // the connection is broken, so its session and the lock with it are gone already
            } finally {
                closeQuietly(connection);
            }
        }
    }

    /** The 64-bit lock key of a name: the first 8 bytes of its SHA-256. */
    public static long keyOf(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // a broken connection goes back to the pool, which discards it
            }
        }
    }

    /** The database did not answer the lock request. */
    public static final class LockFailedException extends CeleriacException {
        LockFailedException(Throwable cause) {
            super("could not take an advisory lock: " + cause.getMessage(), cause);
        }
    }
}
