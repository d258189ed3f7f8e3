package io.celeriac.file.cleanup;

/** What one sweep removed: files (and links), bytes of regular files, emptied subdirectories; directories that were missing; errors skipped. */
public record SweepReport(long files, long bytes, long directories, int missing, int errors) {
    public static final SweepReport EMPTY = new SweepReport(0, 0, 0, 0, 0);

    SweepReport plus(SweepReport other) {
        return new SweepReport(files + other.files, bytes + other.bytes, directories + other.directories,
                missing + other.missing, errors + other.errors);
    }
}
