package io.celeriac.file.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}, the table of contents of an archive: every part with its size and
 * SHA-256, so {@code verify} can tell which part does not match.
 *
 * @param format    1
 * @param createdAt ISO-8601 instant of the snapshot
 * @param schema    the schema the tables were exported from
 * @param sequences sequence values at export time
 */
public record BackupManifest(int format, String createdAt, String schema, List<TablePart> tables, List<FilePart> files,
                             Map<String, SequenceValue> sequences) {

    public static final String PART = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A table in PostgreSQL's COPY text format: one line per row. */
    public record TablePart(String name, String part, long rows, long bytes, String sha256) {
    }

    /** An upload; {@code path} relative to the upload directory with / separators; {@code modified} an ISO-8601 instant at full precision. */
    public record FilePart(String path, String part, long bytes, String sha256, String modified) {
    }

    public record SequenceValue(long lastValue, boolean isCalled) {
    }

    public long rows() {
        return tables.stream().mapToLong(TablePart::rows).sum();
    }

    byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    static BackupManifest read(InputStream in) throws IOException {
        return JSON.readValue(in, BackupManifest.class);
    }
}
