/** {@code celeriac email outbox ...}: what the outbox holds, and an operator's decisions about it. */
package io.celeriac.email.cli;
