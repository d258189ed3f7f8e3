package io.celeriac.file.backup;

import io.celeriac.file.db.SnapshotImport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.sql.DataSource;

/**
 * Brings an empty database and an empty upload directory back to an archive's state.
 *
 * <ol>
 *   <li>verify the archive; refuse on any problem;</li>
 *   <li>refuse unless the upload directory holds no file (temp directories aside);</li>
 *   <li>load the tables in one transaction (refused, changing nothing, unless they are empty);</li>
 *   <li>write the uploads with their modification times.</li>
 * </ol>
 */
public final class BackupRestorer {
    private final DataSource dataSource;
    private final Path uploadDir;
    private final List<Path> excluded;
    private final BackupVerifier verifier = new BackupVerifier();

    public BackupRestorer(DataSource dataSource, Path uploadDir, List<Path> excluded) {
        this.dataSource = dataSource;
        this.uploadDir = uploadDir;
        this.excluded = List.copyOf(excluded);
    }

    public RestoreReport restore(Path archive) {
        VerifyReport verified = verifier.verify(archive);
        if (!verified.ok()) {
            throw new RestoreRefusedException("archive " + archive.getFileName() + " does not verify: " + String.join("; ", verified.problems()));
        }
        BackupManifest manifest = verified.manifest();
        refuseUnlessUploadsEmpty();
        for (BackupManifest.FilePart file : manifest.files()) {
            if (!uploadDir.resolve(file.path()).normalize().startsWith(uploadDir)) {
                throw new RestoreRefusedException("part " + file.part() + " points outside the upload directory");
            }
        }
        Map<String, String> parts = new LinkedHashMap<>();
        manifest.tables().forEach(t -> parts.put(t.name(), t.part()));
        Map<String, long[]> sequences = new LinkedHashMap<>();
        manifest.sequences().forEach((name, v) -> sequences.put(name, new long[] {v.lastValue(), v.isCalled() ? 1 : 0}));
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            new SnapshotImport(dataSource).load(List.copyOf(parts.keySet()), sequences,
                    table -> zip.getInputStream(zip.getEntry(parts.get(table))));
            for (BackupManifest.FilePart file : manifest.files()) {
                Path target = uploadDir.resolve(file.path()).normalize();
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(zip.getEntry(file.part()))) {
                    Files.copy(in, target);
                }
                Files.setLastModifiedTime(target, FileTime.from(java.time.Instant.parse(file.modified())));
            }
        } catch (IOException | SQLException e) {
            throw new BackupFailedException("restore from " + archive.getFileName() + " failed: " + e.getMessage(), e);
        }
        return new RestoreReport(manifest.tables().size(), manifest.rows(), manifest.files().size());
    }

    private void refuseUnlessUploadsEmpty() {
        if (!Files.isDirectory(uploadDir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(uploadDir)) {
            if (walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).anyMatch(p -> excluded.stream().noneMatch(p::startsWith))) {
                throw new RestoreRefusedException("upload directory " + uploadDir + " is not empty; restore only into an empty one");
            }
        } catch (IOException e) {
            throw new BackupFailedException("cannot read " + uploadDir + ": " + e.getMessage(), e);
        }
    }
}
