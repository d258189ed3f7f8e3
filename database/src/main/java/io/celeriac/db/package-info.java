/**
 * PostgreSQL for the task modules, outside the engine: worker-core carries the settings and hands
 * the database out through its component seam ({@code Database.of(context)}, registered by
 * {@link io.celeriac.db.DatabaseProvider}); this module brings a HikariCP pool, Jdbi, and Flyway
 * migrations per module. Each {@link io.celeriac.db.MigrationSet} (found with ServiceLoader) keeps
 * its own history table, so modules number their migrations independently; the application's shared tables (users,
 * sessions) are the {@code shared} set, applied first. Jdbi and Hikari types stay in this package
 * and in the modules' db adapters.
 */
package io.celeriac.db;
