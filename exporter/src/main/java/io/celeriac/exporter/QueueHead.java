package io.celeriac.exporter;

/**
 * One queue list as queue-heads-n.lua reads it.
 *
 * @param sentMs      Celeriac's {@code celeriac_sent} header of the oldest message, -1 when absent
 * @param eta         its {@code eta} header, null when absent
 * @param fingerprint identifies the oldest message without holding it, null for an empty list
 */
record QueueHead(long length, long sentMs, String eta, String fingerprint) {
}
