/**
 * The admin commands: {@code status}, {@code inspect}, {@code task}, {@code purge}, {@code dead} and
 * {@code revoke}. Tables for people by default, {@code --json} (one JSON document on standard
 * output) for scripts. Commands that change or delete work ask first unless {@code --yes}; the
 * question and the answer go through standard error and standard input, so {@code --json} output
 * stays parseable. Each command says how many items it touched. The queries and actions live in
 * {@link io.celeriac.core.admin}; this package only parses, asks and prints.
 */
package io.celeriac.core.cli.admin;
