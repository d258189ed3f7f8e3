/**
 * PostgreSQL adapter of the AI module (Jdbi stays here): the {@code db/ai} migration set, tasks
 * with the atomic claim of an occurrence, runs, the per-run-and-channel notification log, and the
 * shared users table as the module reads it. Methods take {@code now}; none reads a clock.
 */
package io.celeriac.ai.db;
