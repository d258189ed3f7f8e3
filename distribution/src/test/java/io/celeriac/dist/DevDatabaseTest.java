package io.celeriac.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.component.Settings;
import io.celeriac.db.DatabaseSettings;
import io.celeriac.db.DatabaseUrl;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which database {@code celeriac dev} uses, and how it names the same server's other databases. */
class DevDatabaseTest {

    @Test
    void without_an_explicit_url_dev_uses_its_own_database_on_the_default_server() {
        DatabaseUrl url = DevDatabase.choose(Settings.EMPTY);

        assertEquals("jdbc:postgresql://127.0.0.1:5432/celeriac_dev", url.jdbcUrl());
        assertEquals("postgres", url.username());
        assertEquals("postgresql://postgres@127.0.0.1:5432/celeriac_dev", DevDatabase.DEFAULT_DEV_URL);
        assertFalse(DevDatabase.explicit(Settings.EMPTY));
    }

    @Test
    void an_explicit_url_is_used_as_it_is_even_the_postgres_database() {
        Settings settings = Settings.of(DatabaseSettings.URL, "postgresql://app:pw@db.example:6543/postgres?sslmode=require");

        DatabaseUrl url = DevDatabase.choose(settings);

        assertTrue(DevDatabase.explicit(settings));
        assertEquals("jdbc:postgresql://db.example:6543/postgres?sslmode=require", url.jdbcUrl());
        assertEquals(Optional.of("postgres"), DevDatabase.name(url));
        assertFalse(DevDatabase.createIfAbsent(url), "the maintenance database is never created (nor contacted)");
    }

    @Test
    void another_database_on_the_same_server_keeps_credentials_and_parameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:pw@db.example:6543/mine?sslmode=require");

        DatabaseUrl maintenance = DevDatabase.onDatabase(url, "postgres").orElseThrow();

        assertEquals("jdbc:postgresql://db.example:6543/postgres?sslmode=require", maintenance.jdbcUrl());
        assertEquals("app", maintenance.username());
        assertEquals("pw", maintenance.password());
        assertEquals(Optional.of("mine"), DevDatabase.name(url));
    }

    @Test
    void a_jdbc_url_without_a_server_part_is_taken_as_it_is() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql:mine");

        assertEquals(Optional.empty(), DevDatabase.name(url));
        assertEquals(Optional.empty(), DevDatabase.onDatabase(url, "postgres"));
        assertFalse(DevDatabase.createIfAbsent(url), "assumed to exist");
    }

    @Test
    void a_database_name_is_quoted_as_an_identifier() {
        assertEquals("\"odd\"\"name\"", DevDatabase.quote("odd\"name"));
    }
}
