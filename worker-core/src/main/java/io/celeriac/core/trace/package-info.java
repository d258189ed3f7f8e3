/**
 * Hooks that see every message sent and every task run, for tracing: implementations are found
 * with {@link java.util.ServiceLoader}, and with none installed the hooks cost nothing.
 */
package io.celeriac.core.trace;
