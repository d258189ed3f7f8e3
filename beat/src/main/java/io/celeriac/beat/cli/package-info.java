/**
 * {@code celeriac beat} and its subcommands {@code add}, {@code remove}, {@code enable},
 * {@code disable} and {@code list}, plugged into the CLI through
 * {@link io.celeriac.core.cli.CliExtension}.
 */
package io.celeriac.beat.cli;
