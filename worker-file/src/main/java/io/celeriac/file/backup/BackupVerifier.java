package io.celeriac.file.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks every part of an archive against its manifest: present, readable (the ZIP's own CRC),
 * the same SHA-256 and size, the same row count for tables, and nothing extra.
 */
public final class BackupVerifier {

    public VerifyReport verify(Path archive) {
        List<String> problems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry manifestEntry = zip.getEntry(BackupManifest.PART);
            if (manifestEntry == null) {
                return new VerifyReport(null, List.of(BackupManifest.PART + " is missing"));
            }
            BackupManifest manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = BackupManifest.read(in);
            } catch (IOException e) {
                return new VerifyReport(null, List.of(BackupManifest.PART + " is unreadable: " + e.getMessage()));
            }
            Set<String> expected = new HashSet<>(Set.of(BackupManifest.PART));
            for (BackupManifest.TablePart table : manifest.tables()) {
                expected.add(table.part());
                check(zip, table.part(), table.bytes(), table.sha256(), table.rows(), problems);
            }
            for (BackupManifest.FilePart file : manifest.files()) {
                expected.add(file.part());
                check(zip, file.part(), file.bytes(), file.sha256(), -1, problems);
            }
            zip.stream().map(ZipEntry::getName).filter(n -> !expected.contains(n)).sorted()
                    .forEach(n -> problems.add("part " + n + " is not in the manifest"));
            return new VerifyReport(manifest, problems);
        } catch (IOException e) {
            return new VerifyReport(null, List.of("archive " + archive.getFileName() + " is unreadable: " + e.getMessage()));
        }
    }

    private static void check(ZipFile zip, String part, long bytes, String sha256, long rows, List<String> problems) {
        ZipEntry entry = zip.getEntry(part);
        if (entry == null) {
            problems.add("part " + part + " is missing");
            return;
        }
        MessageDigest digest = PartStream.sha256();
        long size = 0;
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
                for (int i = 0; i < n; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        } catch (IOException e) {
            problems.add("part " + part + " is unreadable: " + e.getMessage());
            return;
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256) || size != bytes) {
            problems.add("part " + part + " does not match its checksum (sha256 " + actual + ", " + size
                    + " bytes; manifest: sha256 " + sha256 + ", " + bytes + " bytes)");
        } else if (rows >= 0 && lines != rows) {
            problems.add("part " + part + " holds " + lines + " rows; manifest: " + rows);
        }
    }
}
