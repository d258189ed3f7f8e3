package io.celeriac.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.app.Application;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import io.celeriac.db.Database;
import io.celeriac.db.testing.TestDatabase;
import io.celeriac.file.backup.BackupRestorer;
import io.celeriac.file.backup.BackupVerifier;
import io.celeriac.file.backup.BackupWriter;
import io.celeriac.file.backup.ManifestKeys;
import io.celeriac.file.backup.ManifestSignature;
import io.celeriac.file.backup.RestoreRefusedException;
import io.celeriac.file.backup.VerifyReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private archives, signed manifests and a restore that stays in its directory, with real files and PostgreSQL. */
class BackupSecurityIT {
    private static final ManifestKeys KEY = keys("CELERIAC_SECRET_KEY", 1);
    private static final ManifestKeys OTHER_KEY = keys("CELERIAC_SECRET_KEY", 2);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T01:00:00Z"));
    @TempDir
    Path base;
    private Path uploads;
    private Application app;
    private FileSettings settings;

    private static ManifestKeys keys(String variable, int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return ManifestKeys.from(Map.of(variable, Base64.getEncoder().encodeToString(key)));
    }

    @BeforeEach
    void setUp() throws IOException {
        uploads = base.resolve("uploads");
        app = TestDatabase.app(clock, """
                file:
                  upload_dir: %s
                  backup_dir: %s
                  temp_dirs: [%s]
                """.formatted(uploads, base.resolve("backups"), uploads.resolve("temp")));
        settings = FileSettings.from(app.config("file"));
        Database.of(app).jdbi().useHandle(h -> h.execute("INSERT INTO users (name, email) VALUES ('Ada', 'ada@example.org')"));
        Files.createDirectories(uploads.resolve("docs"));
        Files.writeString(uploads.resolve("docs/letter.txt"), "dear Ada");
    }

    @AfterEach
    void tearDown() {
        app.close();
    }

    private BackupWriter writer(ManifestKeys keys) {
        return FileTasks.writer(settings, Database.of(app).dataSource(), keys, clock);
    }

    @Test
    void archives_are_0600_in_a_0700_directory_also_when_the_directory_existed_open() throws IOException {
        Files.createDirectory(settings.backupDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(settings.backupDir(), PosixFilePermissions.fromString("rwxr-xr-x"));

        Path archive;
        try (LogCapture logs = LogCapture.of(BackupWriter.class)) {
            archive = writer(KEY).write().archive();
            assertTrue(logs.lines().stream().anyMatch(l -> l.startsWith("WARN backup directory was open to other users; tightened")
                    && l.contains("was=rwxr-xr-x") && l.contains("now=rwx------")), logs.lines().toString());
        }

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.backupDir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
        clock.advance(java.time.Duration.ofDays(1));
        Files.delete(settings.backupDir().resolve(archive.getFileName()));
        Files.delete(settings.backupDir());
        Path fresh = writer(KEY).write().archive();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings.backupDir())), "created so");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
    }

    @Test
    void a_signed_manifest_catches_tampering_that_rewrites_the_checksums_too() throws Exception {
        Path archive = writer(KEY).write().archive();
        Path forged = base.resolve("forged.zip");
        forge(archive, forged, "tables/users.copy", "1\tMallory\tmallory@example.org\tUTC\t2026-11-22 01:00:00+00\n", false);

        VerifyReport withKey = new BackupVerifier(KEY, false).verify(forged);
        VerifyReport withoutKey = new BackupVerifier(ManifestKeys.NONE, false).verify(forged);

        assertEquals(List.of("manifest.json does not match its signature: the archive was altered after it was written"), withKey.problems());
        assertTrue(withoutKey.ok(), "checksums alone cannot tell: the forger rewrote them");
        assertEquals(ManifestSignature.Status.NOT_CHECKED, withoutKey.signature());
        assertTrue(new BackupVerifier(KEY, true).verify(archive).signedAndOk(), "the original verifies, signed");
    }

    @Test
    void an_unsigned_archive_is_said_to_be_so_and_refused_when_a_signature_is_required() throws Exception {
        Path unsignedArchive = writer(ManifestKeys.NONE).write().archive();
        clock.advance(java.time.Duration.ofMinutes(1));
        Path signed = writer(KEY).write().archive();
        Path stripped = base.resolve("stripped.zip");
        forge(signed, stripped, "tables/users.copy", "1\tMallory\tm@example.org\tUTC\t2026-11-22 01:00:00+00\n", true);

        VerifyReport plain = new BackupVerifier(KEY, false).verify(unsignedArchive);
        assertTrue(plain.ok());
        assertEquals("UNSIGNED", plain.signatureText());
        assertEquals(List.of("the archive is unsigned and a signature is required"),
                new BackupVerifier(KEY, true).verify(stripped).problems(), "a forger who drops the signature");
        assertEquals(List.of("manifest.json is signed with a key that is neither CELERIAC_SECRET_KEY nor one of"
                + " CELERIAC_SECRET_KEY_PREVIOUS: it cannot be trusted here"), new BackupVerifier(OTHER_KEY, false).verify(signed).problems());
        ManifestKeys rotated = ManifestKeys.from(Map.of("CELERIAC_SECRET_KEY", Base64.getEncoder().encodeToString(new byte[32]),
                "CELERIAC_SECRET_KEY_PREVIOUS", Base64.getEncoder().encodeToString(filled(1))));
        assertTrue(new BackupVerifier(rotated, true).verify(signed).signedAndOk(), "an archive signed before a rotation still checks");
    }

    @Test
    void backup_verify_as_operators_run_it_says_signed_unsigned_or_altered() throws Exception {
        Path signed = writer(KEY).write().archive();
        clock.advance(java.time.Duration.ofMinutes(1));
        Path unsignedArchive = writer(ManifestKeys.NONE).write().archive();
        Path forged = base.resolve("forged.zip");
        forge(signed, forged, "tables/users.copy", "1\tMallory\tm@example.org\tUTC\t2026-11-22 01:00:00+00\n", false);
        Map<String, String> env = Map.of("CELERIAC_SECRET_KEY", Base64.getEncoder().encodeToString(filled(1)));

        String ok = verify(env, signed, 0);
        String plain = verify(env, unsignedArchive, 0);
        String altered = verify(env, forged, 1);
        String required = verify(env, unsignedArchive, 1, "--require-signature");
        String badKey = verify(Map.of("CELERIAC_SECRET_KEY", "not-a-key"), signed, 2);

        assertTrue(ok.contains(signed.getFileName() + ": ok, signed (") && !ok.contains("note:"), ok);
        assertTrue(plain.contains(": ok, UNSIGNED (") && plain.contains("note: its checksums show the archive is intact,"
                + " not that nobody altered it"), plain);
        assertTrue(altered.contains("forged.zip: manifest.json does not match its signature: the archive was altered after it"
                + " was written"), altered);
        assertTrue(required.contains("the archive is unsigned and a signature is required"), required);
        assertTrue(badKey.contains("CELERIAC_SECRET_KEY is not base64") && !badKey.contains("not-a-key"), badKey);
    }

    private static String verify(Map<String, String> env, Path archive, int exit, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("backup", "verify", archive.toString()));
        args.addAll(List.of(more));
        try (var process = io.celeriac.core.testing.JavaProcess.celeriac(env, args.toArray(String[]::new))) {
            int code = process.waitFor(java.time.Duration.ofSeconds(60));
            assertEquals(exit, code, process.log());
            return process.log();
        }
    }

    @Test
    void restore_refuses_an_archive_that_writes_through_a_link_in_a_temp_directory_and_nothing_outside_changes() throws Exception {
        Path archive = writer(KEY).write().archive();
        Path crafted = base.resolve("crafted.zip");
        addFile(archive, crafted, "temp/link/planted.sh", "#!/bin/sh\necho owned\n", KEY);
        Path outside = Files.createDirectory(base.resolve("outside"));
        Path target = base.resolve("target-uploads");
        Files.createDirectories(target.resolve("temp"));
        Files.createSymbolicLink(target.resolve("temp/link"), outside);

        try (Database database = freshDatabase()) {
            RestoreRefusedException refused = assertThrows(RestoreRefusedException.class, () -> new BackupRestorer(database.dataSource(),
                    target, List.of(target.resolve("temp")), new BackupVerifier(KEY, false)).restore(crafted));
            assertTrue(refused.getMessage().contains("into a temporary directory, which backups never hold"), refused.getMessage());
            long users = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM users").mapTo(Long.class).one());
            assertEquals(0L, users, "refused before the tables were touched");
        }
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void restore_into_an_upload_directory_that_is_a_link_is_refused() throws Exception {
        Path archive = writer(KEY).write().archive();
        Path elsewhere = Files.createDirectory(base.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(base.resolve("linked-uploads"), elsewhere);

        try (Database database = freshDatabase()) {
            RestoreRefusedException refused = assertThrows(RestoreRefusedException.class, () -> new BackupRestorer(database.dataSource(),
                    link, List.of(), new BackupVerifier(KEY, false)).restore(archive));
            assertTrue(refused.getMessage().contains("is a symbolic link"), refused.getMessage());
        }
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
    }

    /** The path-based restore this replaced wrote 1,200 of these files (and 30 directories) into {@code outside}. */
    @Test
    void swapping_a_directory_for_a_link_during_restore_never_writes_outside() throws Exception {
        for (int d = 0; d < 30; d++) {
            for (int f = 0; f < 40; f++) {
                Files.createDirectories(uploads.resolve("docs/d" + d));
                Files.writeString(uploads.resolve("docs/d" + d + "/f" + f), "upload " + d + "/" + f);
            }
        }
        Path archive = writer(KEY).write().archive();
        Path outside = Files.createDirectory(base.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "precious");
        Path target = base.resolve("target-uploads");
        AtomicBoolean swapped = new AtomicBoolean();
        AtomicBoolean restoring = new AtomicBoolean(true);
        AtomicBoolean swappedWhileRestoring = new AtomicBoolean();

        try (Database database = freshDatabase()) {
            Thread racer = Thread.ofPlatform().start(() -> {
                swapWhenWritten(target.resolve("docs"), outside, swapped);
                swappedWhileRestoring.set(swapped.get() && restoring.get());
            });
            try {
                new BackupRestorer(database.dataSource(), target, List.of(), new BackupVerifier(KEY, false)).restore(archive);
            } catch (RestoreRefusedException refused) {
                assertTrue(refused.getMessage().contains("symbolic link") || refused.getMessage().contains("changed"), refused.getMessage());
            } finally {
                restoring.set(false);
                racer.join(30_000);
            }
        }

        assertTrue(swappedWhileRestoring.get(), "the racer swapped docs for a link while the restore was writing (swapped at all: "
                + swapped.get() + ")");
        try (Stream<Path> files = Files.walk(outside)) {
            List<Path> found = files.sorted().toList();
            assertEquals(2, found.size(), "nothing was written outside; found " + found.size() + " entries, e.g. "
                    + found.subList(0, Math.min(5, found.size())));
        }
        assertEquals("precious", Files.readString(outside.resolve("keep.txt")));
    }

    /** Waits until the restore has written into {@code docs}, then swaps it for a link to {@code outside}. */
    private static void swapWhenWritten(Path docs, Path outside, AtomicBoolean swapped) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> entries = Files.list(docs)) {
                if (entries.findAny().isPresent()) {
                    Files.move(docs, docs.resolveSibling("docs.real"), StandardCopyOption.ATOMIC_MOVE);
                    Files.createSymbolicLink(docs, outside);
                    swapped.set(true);
                    return;
                }
            } catch (IOException notYet) {
                // docs does not exist yet
            }
        }
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }

    private static Database freshDatabase() {
        Database database = new Database(TestDatabase.url(), TestDatabase.freshSchema(), 2);
        database.migrate();
        return database;
    }

    /**
     * What a forger with write access to the archives does: replaces a part, and rewrites its
     * checksum, size and row count in manifest.json (optionally dropping manifest.sig).
     */
    private static void forge(Path from, Path to, String part, String content, boolean dropSignature) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Map<String, byte[]> entries = read(from);
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifest);
        for (var table : tree.withArray("tables")) {
            if (table.path("part").asText().equals(part)) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) table).put("sha256", sha).put("bytes", bytes.length)
                        .put("rows", content.chars().filter(c -> c == '\n').count());
            }
        }
        entries.put(part, bytes);
        entries.put("manifest.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        if (dropSignature) {
            entries.remove("manifest.sig");
        }
        write(to, entries);
    }

    /** Adds an upload part (and its manifest entry) and signs the new manifest with {@code keys}, as an insider could. */
    private static void addFile(Path from, Path to, String path, String content, ManifestKeys keys) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> entries = read(from);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(entries.get("manifest.json"));
        tree.withArray("files").addObject().put("path", path).put("part", "files/" + path).put("bytes", bytes.length)
                .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .put("modified", "2026-11-22T00:00:00Z");
        byte[] manifest = json.writeValueAsBytes(tree);
        entries.put("files/" + path, bytes);
        entries.put("manifest.json", manifest);
        var sign = ManifestSignature.class.getDeclaredMethod("sign", byte[].class, byte[].class);
        sign.setAccessible(true);
        entries.put("manifest.sig", (byte[]) sign.invoke(null, manifest, keys.current()));
        write(to, entries);
    }

    private static Map<String, byte[]> read(Path archive) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry entry : zip.stream().toList()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static void write(Path to, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }
}
