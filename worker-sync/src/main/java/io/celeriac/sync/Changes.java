package io.celeriac.sync;

/** Rows one source's sync inserted, changed and removed; all zero when the provider had nothing new. */
public record Changes(int created, int updated, int deleted) {
}
