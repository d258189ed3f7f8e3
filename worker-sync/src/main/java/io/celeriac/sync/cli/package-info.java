/**
 * {@code celeriac sync sources add-calendar|add-notion|list|reactivate|remove} and
 * {@code celeriac sync run}, added to the command line through {@link io.celeriac.sync.cli.SyncCli}.
 */
package io.celeriac.sync.cli;
