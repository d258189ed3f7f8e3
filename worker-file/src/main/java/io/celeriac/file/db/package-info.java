/** PostgreSQL side of backups: a consistent snapshot export and an all-or-nothing import with COPY, and the advisory locks. */
package io.celeriac.file.db;
