/** The database's command: {@code celeriac migrate}. */
package io.celeriac.db.cli;
