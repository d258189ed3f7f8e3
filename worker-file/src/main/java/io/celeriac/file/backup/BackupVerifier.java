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
 * the same SHA-256 and size, the same row count for tables, and nothing extra; then the manifest's
 * signature ({@link ManifestSignature}): a signature that does not match, or one made with a key
 * not configured here while keys are, is a problem; an unsigned archive is reported as such, and
 * is a problem only when a signature is required.
 */
public final class BackupVerifier {
    private final ManifestKeys keys;
    private final boolean requireSignature;

    public BackupVerifier(ManifestKeys keys, boolean requireSignature) {
        this.keys = keys;
        this.requireSignature = requireSignature;
    }

    public VerifyReport verify(Path archive) {
        List<String> problems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry manifestEntry = zip.getEntry(BackupManifest.PART);
            if (manifestEntry == null) {
                return new VerifyReport(null, List.of(BackupManifest.PART + " is missing"), ManifestSignature.Status.UNSIGNED);
            }
            byte[] manifestBytes;
            BackupManifest manifest;
            ManifestSignature.Status signature;
            try {
                manifestBytes = bytes(zip, manifestEntry, 64L << 20);
                manifest = BackupManifest.read(new java.io.ByteArrayInputStream(manifestBytes));
                ZipEntry signatureEntry = zip.getEntry(ManifestSignature.PART);
                signature = ManifestSignature.check(manifestBytes,
                        signatureEntry == null ? null : bytes(zip, signatureEntry, 4096), keys);
            } catch (IOException e) {
                return new VerifyReport(null, List.of(BackupManifest.PART + " is unreadable: " + e.getMessage()),
                        ManifestSignature.Status.UNSIGNED);
            }
            signatureProblem(signature).ifPresent(problems::add);
            Set<String> expected = new HashSet<>(Set.of(BackupManifest.PART, ManifestSignature.PART));
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
            return new VerifyReport(manifest, problems, signature);
        } catch (IOException e) {
            return new VerifyReport(null, List.of("archive " + archive.getFileName() + " is unreadable: " + e.getMessage()),
                    ManifestSignature.Status.UNSIGNED);
        }
    }

    private java.util.Optional<String> signatureProblem(ManifestSignature.Status signature) {
        String problem = switch (signature) {
            case VALID -> null;
            case INVALID -> "manifest.json does not match its signature: the archive was altered after it was written";
            case OTHER_KEY -> "manifest.json is signed with a key that is neither CELERIAC_SECRET_KEY nor one of"
                    + " CELERIAC_SECRET_KEY_PREVIOUS: it cannot be trusted here";
            case UNREADABLE -> "manifest.sig is not a signature: the archive was altered after it was written";
            case UNSIGNED -> requireSignature ? "the archive is unsigned and a signature is required" : null;
            case NOT_CHECKED -> requireSignature ? "the signature cannot be checked: no CELERIAC_SECRET_KEY here" : null;
        };
        return java.util.Optional.ofNullable(problem);
    }

    /** A part's bytes, refusing one larger than {@code limit} (a manifest is small; a forged one need not be). */
    private static byte[] bytes(ZipFile zip, ZipEntry entry, long limit) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] read = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (read.length > limit) {
                throw new IOException(entry.getName() + " is larger than " + limit + " bytes");
            }
            return read;
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
