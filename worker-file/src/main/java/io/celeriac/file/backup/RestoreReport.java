package io.celeriac.file.backup;

/** What a restore brought back. */
public record RestoreReport(int tables, long rows, int files) {
}
