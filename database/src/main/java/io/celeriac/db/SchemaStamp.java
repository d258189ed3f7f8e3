package io.celeriac.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * A fingerprint of every migration script on the class path (set names, file names and bytes),
 * stored in the schema after Flyway applied them. A process whose scripts match the stored stamp
 * skips Flyway: a one-shot command ({@code ai create}) saves loading and running it, about half a
 * second here. Any change to a script, or a new one, changes the stamp, and Flyway then runs, and
 * validates, as always.
 */
final class SchemaStamp {
    static final String TABLE = "celeriac_schema_stamp";

    private final String value;

    private SchemaStamp(String value) {
        this.value = value;
    }

    /** The stamp of these sets' scripts as this class path holds them. */
    static SchemaStamp of(List<MigrationSet> sets) {
        MessageDigest digest = sha256();
        for (MigrationSet set : sets) {
            digest.update((set.name() + "\n" + set.location() + "\n").getBytes(StandardCharsets.UTF_8));
            scripts(set.location()).forEach((name, bytes) -> {
                digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
                digest.update(bytes);
            });
        }
        return new SchemaStamp(HexFormat.of().formatHex(digest.digest()));
    }

    /** Whether the schema holds this stamp; false when it holds another, none, or cannot be read. */
    boolean isRecordedIn(Jdbi jdbi, String schema) {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT stamp FROM " + table(schema)).mapTo(String.class).list())
                    .equals(List.of(value));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Records this stamp as the schema's, replacing any other. */
    void recordIn(Jdbi jdbi, String schema) {
        jdbi.useTransaction(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS " + table(schema) + " (stamp text NOT NULL)");
            h.execute("DELETE FROM " + table(schema));
            h.execute("INSERT INTO " + table(schema) + " (stamp) VALUES (?)", value);
        });
    }

    private static String table(String schema) {
        return "\"" + schema.replace("\"", "\"\"") + "\"." + TABLE;
    }

    /** The .sql files under {@code location} in every class-path root, by file name. */
    private static TreeMap<String, byte[]> scripts(String location) {
        TreeMap<String, byte[]> found = new TreeMap<>();
        try {
            for (URL url : Collections.list(SchemaStamp.class.getClassLoader().getResources(location))) {
                if ("jar".equals(url.getProtocol())) {
                    readJar(url, location, found);
                } else if ("file".equals(url.getProtocol())) {
                    readDirectory(Path.of(url.toURI()), found);
                } else {
                    // an unknown packaging: a stamp that never matches, so Flyway always runs
                    found.put("?" + url, new byte[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private static void readJar(URL url, String location, TreeMap<String, byte[]> found) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            for (var entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.startsWith(location + "/") && name.endsWith(".sql")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.put(name.substring(location.length() + 1), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static void readDirectory(Path directory, TreeMap<String, byte[]> found) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                found.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
