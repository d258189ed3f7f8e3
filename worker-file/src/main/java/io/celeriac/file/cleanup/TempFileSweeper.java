package io.celeriac.file.cleanup;

import io.celeriac.file.fs.ContainedDirectory;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cleanup_temp_files}: removes what is older than {@code maxAge} under each directory,
 * never outside it.
 *
 * <ol>
 *   <li>a missing directory is skipped; one that is a symbolic link, is not a directory or is not
 *       owned by the service's user is refused with one warning (a planted link or directory);</li>
 *   <li>the directory is opened without following links, and everything below is reached relative
 *       to open directory handles ({@link SecureDirectoryStream}): a subdirectory is opened from its
 *       parent's handle without following links, entries are removed through the handle of the
 *       directory holding them. No path is resolved again between looking and removing, so swapping
 *       a subdirectory for a link mid-walk leads nowhere: the handle still names the original;</li>
 *   <li>a link is an entry like a file, removed (the link, never its target) when the link itself is old;</li>
 *   <li>a subdirectory is removed once empty, if this sweep emptied it or it was old; the configured
 *       directory is never removed. Deeper than {@value #MAX_DEPTH} levels is left alone.</li>
 * </ol>
 * Files written while the sweep runs are safe: they are new, and a directory that fills up again
 * before its removal makes the removal fail harmlessly.
 */
public final class TempFileSweeper {
    private static final Logger log = LoggerFactory.getLogger(TempFileSweeper.class);
    /** Each level holds one open directory; a tree built to exhaust descriptors stops here. */
    static final int MAX_DEPTH = 64;

    private final Duration maxAge;
    private final Clock clock;

    public TempFileSweeper(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public SweepReport sweep(List<Path> directories) {
        Instant cutoff = clock.instant().minus(maxAge);
        SweepReport total = SweepReport.EMPTY;
        for (Path directory : directories) {
            total = total.plus(sweepOne(directory, cutoff));
        }
        log.atInfo().addKeyValue("files", total.files()).addKeyValue("bytes", total.bytes())
                .addKeyValue("directories", total.directories()).addKeyValue("errors", total.errors())
                .log("temporary files cleaned");
        return total;
    }

    private SweepReport sweepOne(Path directory, Instant cutoff) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return new SweepReport(0, 0, 0, 1, 0);
        }
        Walk walk = new Walk(cutoff);
        try (SecureDirectoryStream<Path> root = ContainedDirectory.open(directory)) {
            walk.directory(root, directory, 0);
        } catch (ContainedDirectory.RefusedException e) {
            log.atWarn().addKeyValue("path", directory).addKeyValue("reason", e.getMessage())
                    .log("temp directory refused; not swept");
            return new SweepReport(0, 0, 0, 0, 1);
        } catch (IOException e) {
            log.atWarn().addKeyValue("path", directory).addKeyValue("error", e.toString()).log("temp directory not swept");
            walk.errors++;
        }
        return new SweepReport(walk.files, walk.bytes, walk.directories, 0, walk.errors);
    }

    /** One directory tree's sweep; {@code where} only names entries in logs, it is never opened. */
    private static final class Walk {
        private final Instant cutoff;
        long files;
        long bytes;
        long directories;
        int errors;

        Walk(Instant cutoff) {
            this.cutoff = cutoff;
        }

        /** Sweeps the open {@code dir}; true when this sweep removed something in it. */
        boolean directory(SecureDirectoryStream<Path> dir, Path where, int depth) {
            List<Path> names = new ArrayList<>();
            dir.forEach(entry -> names.add(entry.getFileName()));
            boolean removed = false;
            for (Path name : names) {
                BasicFileAttributes attributes;
                try {
                    attributes = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
                } catch (NoSuchFileException gone) {
                    continue; // removed by its owner meanwhile
                } catch (IOException e) {
                    failed(where.resolve(name), e, "temp entry not readable");
                    continue;
                }
                boolean old = attributes.lastModifiedTime().toInstant().isBefore(cutoff);
                removed |= attributes.isDirectory() ? subdirectory(dir, where, name, old, depth)
                        : old && file(dir, where, name, attributes);
            }
            return removed;
        }

        private boolean subdirectory(SecureDirectoryStream<Path> dir, Path where, Path name, boolean old, int depth) {
            if (depth + 1 > MAX_DEPTH) {
                failed(where.resolve(name), new IOException("deeper than " + MAX_DEPTH + " levels"), "temp directory not swept");
                return false;
            }
            boolean emptied;
            try (SecureDirectoryStream<Path> child = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                emptied = directory(child, where.resolve(name), depth + 1);
            } catch (NoSuchFileException gone) {
                return false;
            } catch (FileSystemException e) {
                // it became a link (or something else) after it was read as a directory: not followed
                failed(where.resolve(name), e, "temp directory changed while swept; left alone");
                return false;
            } catch (IOException e) {
                failed(where.resolve(name), e, "temp directory not swept");
                return false;
            }
            if (!emptied && !old) {
                return false;
            }
            try {
                dir.deleteDirectory(name); // fails unless empty, and unless it is (still) a directory
                directories++;
                return true;
            } catch (DirectoryNotEmptyException | NoSuchFileException raced) {
                return false; // something was written into it meanwhile, or its owner removed it
            } catch (IOException e) {
                failed(where.resolve(name), e, "temp directory not removed");
                return false;
            }
        }

        private boolean file(SecureDirectoryStream<Path> dir, Path where, Path name, BasicFileAttributes attributes) {
            try {
                dir.deleteFile(name); // on a link this removes the link, not its target
                files++;
                bytes += attributes.isRegularFile() ? attributes.size() : 0;
                return true;
            } catch (NoSuchFileException gone) {
                return false;
            } catch (IOException e) {
                failed(where.resolve(name), e, "temp file not removed");
                return false;
            }
        }

        private void failed(Path path, IOException e, String message) {
            errors++;
            log.atWarn().addKeyValue("path", path).addKeyValue("error", e.toString()).log(message);
        }
    }
}
