package io.celeriac.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.db.testing.TestDatabase;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class DatabaseIT {

    @Test
    void migrations_create_the_shared_tables_in_a_fresh_schema_and_a_second_run_applies_nothing() {
        try (Database database = TestDatabase.migrated()) {
            long users = database.jdbi().withHandle(h -> h.createUpdate(
                    "INSERT INTO users (name, email, time_zone) VALUES ('Ada', 'ada@example.org', 'Europe/Paris')").execute());
            assertEquals(1, users);
            assertEquals(0, database.migrate(), "already applied");
            assertTrue(database.isReachable());
            String schema = database.jdbi().withHandle(h -> h.createQuery("SELECT current_schema()").mapTo(String.class).one());
            assertEquals(database.schema(), schema);
        }
    }

    @Test
    void a_schema_stamped_with_these_scripts_skips_flyway_and_any_other_stamp_runs_it_again() {
        try (Database database = TestDatabase.migrated()) {
            String table = database.schema() + "." + SchemaStamp.TABLE;
            String stamp = database.jdbi().withHandle(h -> h.createQuery("SELECT stamp FROM " + table).mapTo(String.class).one());
            assertEquals(64, stamp.length(), "a SHA-256 of the scripts");
            assertEquals(0, database.migrate());
            database.jdbi().useHandle(h -> h.execute("UPDATE " + table + " SET stamp = 'scripts changed'"));
            database.jdbi().useHandle(h -> h.execute("DROP TABLE user_sessions"));
            assertEquals(0, database.migrate(), "Flyway ran: its history says everything is applied");
            assertEquals(stamp, database.jdbi().withHandle(h -> h.createQuery("SELECT stamp FROM " + table).mapTo(String.class).one()),
                    "and the stamp is this class path's again");
        }
    }

    @Test
    void an_application_connects_and_migrates_on_first_use() {
        try (Application app = TestDatabase.app(Clock.systemUTC(), null)) {
            assertTrue(!app.components().isOpen(Database.class));
            int count = Database.of(app).jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM user_sessions").mapTo(Integer.class).one());
            assertEquals(0, count);
            assertTrue(app.components().isOpen(Database.class));
        }
    }

    @Test
    void database_urls_read_as_operators_write_them() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p%40ss@db:5433/assistant?sslmode=require");
        assertEquals("jdbc:postgresql://db:5433/assistant?sslmode=require", url.jdbcUrl());
        assertEquals("app", url.username());
        assertEquals("p@ss", url.password());
        assertEquals("jdbc:postgresql://h/x", DatabaseUrl.parse("jdbc:postgresql://h/x").jdbcUrl());
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse("mysql://h/x"));
    }
}
