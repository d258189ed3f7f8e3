package io.celeriac.file.backup;

import io.celeriac.file.db.SnapshotExport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import io.celeriac.file.fs.PrivateFiles;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backup_user_data}: one ZIP archive of every table and every upload, private to the
 * service: the archive is created 0600 in a 0700 directory (a looser existing directory is
 * tightened, with a warning), since it holds every user's data.
 *
 * <ol>
 *   <li>open a snapshot transaction; write each table as a COPY part, taking its SHA-256;</li>
 *   <li>write each upload (regular files only; links and the temp directories inside the upload
 *       directory are left out);</li>
 *   <li>write {@code manifest.json} last, and {@code manifest.sig} (its HMAC) when a key is
 *       configured, then fsync the file;</li>
 *   <li>rename the temporary file to its final name and fsync the directory, so an archive with the
 *       final name is always complete, even after a power cut;</li>
 *   <li>remove all but the newest {@code keep} archives.</li>
 * </ol>
 */
public final class BackupWriter {
    private static final Logger log = LoggerFactory.getLogger(BackupWriter.class);

    private final DataSource dataSource;
    private final Path uploadDir;
    private final List<Path> excluded;
    private final BackupCatalog catalog;
    private final int keep;
    private final ManifestKeys keys;
    private final Clock clock;

    /** @param keys signs the manifest when a key is configured ({@link ManifestKeys#NONE}: unsigned) */
    public BackupWriter(DataSource dataSource, BackupPlan plan, ManifestKeys keys, Clock clock) {
        this.dataSource = dataSource;
        this.uploadDir = plan.uploadDir();
        this.excluded = plan.excluded();
        this.catalog = plan.catalog();
        this.keep = plan.keep();
        this.keys = keys;
        this.clock = clock;
    }

    public BackupResult write() {
        Instant now = clock.instant();
        Path directory = catalog.directory();
        Path target = directory.resolve(BackupCatalog.nameAt(now));
        Path temp = directory.resolve("." + target.getFileName() + ".tmp");
        BackupManifest manifest;
        try {
            String loosened = PrivateFiles.ensureDirectory(directory);
            if (loosened != null) {
                log.atWarn().addKeyValue("directory", directory).addKeyValue("was", loosened).addKeyValue("now", "rwx------")
                        .log("backup directory was open to other users; tightened");
            }
            // CREATE_NEW: never reuses (or follows a link planted at) the temporary name; 0600 whatever the umask
            try (FileChannel file = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PrivateFiles.fileMode());
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Channels.newOutputStream(file), 1 << 16))) {
                manifest = writeParts(zip, now);
                byte[] manifestBytes = manifest.toJson();
                zip.putNextEntry(new ZipEntry(BackupManifest.PART));
                zip.write(manifestBytes);
                zip.closeEntry();
                if (keys.canSign()) {
                    zip.putNextEntry(new ZipEntry(ManifestSignature.PART));
                    zip.write(ManifestSignature.sign(manifestBytes, keys.current()));
                    zip.closeEntry();
                }
                zip.finish();
                zip.flush();
                file.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true); // makes the rename itself durable
            }
        } catch (IOException | SQLException e) {
            deleteQuietly(temp);
            throw new BackupFailedException("backup to " + target + " failed: " + e.getMessage(), e);
        }
        List<Path> removed = catalog.prune(keep);
        long bytes = size(target);
        log.atInfo().addKeyValue("archive", target.getFileName()).addKeyValue("bytes", bytes)
                .addKeyValue("tables", manifest.tables().size()).addKeyValue("rows", manifest.rows())
                .addKeyValue("files", manifest.files().size()).addKeyValue("removed", removed.size())
                .addKeyValue("signed", keys.canSign()).log("backup written");
        if (!keys.canSign()) {
            log.atWarn().log("backup manifest unsigned: set CELERIAC_SECRET_KEY so that backup verify can detect tampering");
        }
        return new BackupResult(target, bytes, manifest.tables().size(), manifest.rows(), manifest.files().size(), removed);
    }

    private BackupManifest writeParts(ZipOutputStream zip, Instant now) throws IOException, SQLException {
        List<BackupManifest.TablePart> tables = new ArrayList<>();
        Map<String, BackupManifest.SequenceValue> sequences = new LinkedHashMap<>();
        String schema;
        try (SnapshotExport export = SnapshotExport.open(dataSource)) {
            for (String table : export.tables()) {
                String part = "tables/" + table + ".copy";
                zip.putNextEntry(new ZipEntry(part));
                PartStream out = new PartStream(zip);
                long rows = export.copyOut(table, out);
                zip.closeEntry();
                tables.add(new BackupManifest.TablePart(table, part, rows, out.bytes(), out.sha256Hex()));
            }
            // sequences are not transactional: read after the rows, their values are never behind them
            export.sequences().forEach((name, v) -> sequences.put(name, new BackupManifest.SequenceValue(v[0], v[1] == 1)));
            schema = export.schema();
        }
        return new BackupManifest(1, now.toString(), schema, tables, writeUploads(zip), sequences);
    }

    private List<BackupManifest.FilePart> writeUploads(ZipOutputStream zip) throws IOException {
        List<BackupManifest.FilePart> files = new ArrayList<>();
        if (!Files.isDirectory(uploadDir)) {
            return files;
        }
        List<Path> uploads;
        try (Stream<Path> walk = Files.walk(uploadDir)) {
            uploads = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> excluded.stream().noneMatch(p::startsWith)).sorted().toList();
        }
        for (Path upload : uploads) {
            String relative = uploadDir.relativize(upload).toString().replace(upload.getFileSystem().getSeparator(), "/");
            String part = "files/" + relative;
            BasicFileAttributes attrs = Files.readAttributes(upload, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            zip.putNextEntry(new ZipEntry(part));
            PartStream out = new PartStream(zip);
            try (InputStream in = Files.newInputStream(upload, LinkOption.NOFOLLOW_LINKS)) {
                in.transferTo(out);
            }
            zip.closeEntry();
            files.add(new BackupManifest.FilePart(relative, part, out.bytes(), out.sha256Hex(), attrs.lastModifiedTime().toInstant().toString()));
        }
        return files;
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the failure being reported matters more; a stale .tmp is never listed as an archive
        }
    }
}
