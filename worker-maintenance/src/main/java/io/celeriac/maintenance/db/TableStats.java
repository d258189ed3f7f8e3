package io.celeriac.maintenance.db;

/** A table's dead tuples and total size (table, indexes, TOAST) at one moment. */
public record TableStats(String table, long deadTuples, long bytes) {
}
