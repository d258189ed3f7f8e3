/** PostgreSQL storage of the outbox and the daily-summary decisions (Jdbi stays here), the module's migrations and its advisory locks. */
package io.celeriac.email.db;
