package io.celeriac.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.Main;
import io.celeriac.core.component.Settings;
import io.celeriac.core.config.ConfigException;
import io.celeriac.core.health.HealthCheck;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import io.celeriac.db.testing.TestDatabase;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The database reached through the engine's component seam: settings, first use, readiness, migrate. */
class DatabaseComponentIT {

    @Test
    void a_process_opens_the_database_once_and_readiness_checks_it() {
        try (Application app = TestDatabase.app(Clock.systemUTC(), null)) {
            HealthCheck ready = app.components().readiness(Database.class, app);
            assertEquals("postgresql", ready.name());
            assertNull(ready.problem(), "the test PostgreSQL answers");
            assertTrue(app.components().isOpen(Database.class), "the probe opened it");
            assertSame(Database.of(app), Database.of(app));
            assertEquals(app.settings().get(DatabaseSettings.SCHEMA).orElseThrow(), Database.of(app).schema());
        }
    }

    @Test
    void readiness_says_why_when_the_database_cannot_be_opened() {
        Settings nowhere = Settings.of(DatabaseSettings.URL, "postgresql://postgres@127.0.0.1:1/none",
                DatabaseSettings.SCHEMA, TestDatabase.freshSchema());
        try (Application app = new Application(TestApp.isolatedConfig(null), TestRedis.url(), null, 4, Clock.systemUTC(),
                new SplittableRandom(1), nowhere)) {
            String problem = app.components().readiness(Database.class, app).problem();
            assertTrue(problem != null && problem.startsWith("cannot open:"), problem);
            assertTrue(!app.components().isOpen(Database.class));
        }
    }

    @Test
    void a_malformed_database_url_fails_the_start_before_anything_connects() {
        ConfigException e = assertThrows(ConfigException.class, () -> new Application(TestApp.isolatedConfig(null),
                TestRedis.url(), null, 4, Clock.systemUTC(), new SplittableRandom(1),
                Settings.of(DatabaseSettings.URL, "mysql://h/x")));
        assertTrue(e.getMessage().contains("postgresql://"), e.getMessage());
        assertEquals(2, Main.run("migrate", "--database-url=mysql://h/x"), "one line and exit 2, as before the move");
    }

    @Test
    void migrate_applies_every_set_to_the_named_database() throws Exception {
        String name = "celeriac_migrate_" + Long.toHexString(new SplittableRandom().nextLong() & 0xffffffL);
        String url = TestDatabase.createDatabase(name);
        try {
            var redis = TestRedis.url();
            String broker = "--broker-url=redis://" + redis.host() + ":" + redis.port() + "/" + redis.database();
            assertEquals(0, Main.run("migrate", broker, "--database-url=" + url));
            try (Database database = new Database(DatabaseUrl.parse(url), "public", 2)) {
                assertEquals(0, database.migrate(), "migrate applied everything already");
            }
        } finally {
            TestDatabase.dropDatabase(name);
        }
    }
}
