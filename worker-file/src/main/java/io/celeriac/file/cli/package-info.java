/** {@code celeriac backup list|verify|restore}. */
package io.celeriac.file.cli;
