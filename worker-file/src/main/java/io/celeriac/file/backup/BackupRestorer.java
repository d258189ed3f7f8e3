package io.celeriac.file.backup;

import io.celeriac.file.db.SnapshotImport;
import io.celeriac.file.fs.ContainedDirectory;
import io.celeriac.file.fs.ContainedWriter;
import io.celeriac.file.fs.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import javax.sql.DataSource;

/**
 * Brings an empty database and an empty upload directory back to an archive's state, never
 * writing outside the upload directory.
 *
 * <ol>
 *   <li>verify the archive (checksums, and its signature as {@link BackupVerifier} judges it); refuse on any problem;</li>
 *   <li>refuse file parts whose path is not plain ({@code ..}, empty or absolute) or lies in a
 *       temporary directory inside the uploads (backups never hold those);</li>
 *   <li>refuse unless the upload directory is the service's own, not a link, and holds no file
 *       (temp directories aside);</li>
 *   <li>load the tables in one transaction (refused, changing nothing, unless they are empty);</li>
 *   <li>write the uploads through a {@link ContainedWriter}: no link is ever followed, a link met on
 *       the way refuses that file (the tables are restored by then; see the README).</li>
 * </ol>
 */
public final class BackupRestorer {
    private final DataSource dataSource;
    private final Path uploadDir;
    private final List<Path> excluded;
    private final BackupVerifier verifier;

    public BackupRestorer(DataSource dataSource, Path uploadDir, List<Path> excluded, BackupVerifier verifier) {
        this.dataSource = dataSource;
        this.uploadDir = uploadDir;
        this.excluded = List.copyOf(excluded);
        this.verifier = verifier;
    }

    public RestoreReport restore(Path archive) {
        VerifyReport verified = verifier.verify(archive);
        if (!verified.ok()) {
            throw new RestoreRefusedException("archive " + archive.getFileName() + " does not verify: " + String.join("; ", verified.problems()));
        }
        BackupManifest manifest = verified.manifest();
        Map<BackupManifest.FilePart, List<String>> paths = new LinkedHashMap<>();
        for (BackupManifest.FilePart file : manifest.files()) {
            paths.put(file, plainPath(file));
        }
        refuseUnlessUploadsEmpty();
        Map<String, String> parts = new LinkedHashMap<>();
        manifest.tables().forEach(t -> parts.put(t.name(), t.part()));
        Map<String, long[]> sequences = new LinkedHashMap<>();
        manifest.sequences().forEach((name, v) -> sequences.put(name, new long[] {v.lastValue(), v.isCalled() ? 1 : 0}));
        try (ZipFile zip = new ZipFile(archive.toFile()); ContainedWriter uploads = openUploads()) {
            new SnapshotImport(dataSource).load(List.copyOf(parts.keySet()), sequences,
                    table -> zip.getInputStream(zip.getEntry(parts.get(table))));
            for (Map.Entry<BackupManifest.FilePart, List<String>> file : paths.entrySet()) {
                try (InputStream in = zip.getInputStream(zip.getEntry(file.getKey().part()))) {
                    uploads.write(file.getValue(), in, FileTime.from(Instant.parse(file.getKey().modified())));
                }
            }
        } catch (ContainedDirectory.RefusedException e) {
            throw new RestoreRefusedException("upload directory " + uploadDir + ": " + e.getMessage());
        } catch (IOException | SQLException e) {
            throw new BackupFailedException("restore from " + archive.getFileName() + " failed: " + e.getMessage(), e);
        }
        return new RestoreReport(manifest.tables().size(), manifest.rows(), manifest.files().size());
    }

    /** The components of a file part's path, refusing anything but a plain relative path outside the temp directories. */
    private List<String> plainPath(BackupManifest.FilePart file) {
        List<String> components = Arrays.asList(file.path().split("/", -1));
        for (String component : components) {
            if (component.isEmpty() || component.equals(".") || component.equals("..") || component.indexOf('\0') >= 0) {
                throw new RestoreRefusedException("part " + file.part() + " has a path that is not plain (" + file.path() + ")");
            }
        }
        Path target = uploadDir.resolve(file.path()).normalize();
        if (!target.startsWith(uploadDir) || excluded.stream().anyMatch(target::startsWith)) {
            throw new RestoreRefusedException("part " + file.part() + " points outside the upload directory or into a temporary"
                    + " directory, which backups never hold");
        }
        return new ArrayList<>(components);
    }

    /** The upload directory, made 0700 when missing, opened without following a link. */
    private ContainedWriter openUploads() throws IOException, ContainedDirectory.RefusedException {
        if (!Files.exists(uploadDir, LinkOption.NOFOLLOW_LINKS)) {
            PrivateFiles.ensureDirectory(uploadDir);
        }
        return ContainedWriter.open(uploadDir);
    }

    private void refuseUnlessUploadsEmpty() {
        if (!Files.exists(uploadDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(uploadDir)) {
            throw new RestoreRefusedException("upload directory " + uploadDir + " is a symbolic link; restore never follows links");
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
