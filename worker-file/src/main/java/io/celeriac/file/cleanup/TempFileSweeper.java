package io.celeriac.file.cleanup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cleanup_temp_files}: removes what is older than {@code maxAge} under each directory.
 *
 * <ol>
 *   <li>a missing directory is skipped; a configured directory that is itself a link is resolved
 *       once (the operator named it), nothing below it is followed;</li>
 *   <li>walk without following links: a link is an entry like a file, removed (the link, never its
 *       target) when the link itself is old;</li>
 *   <li>remove a subdirectory once it is empty, if this sweep emptied it or it is old itself;
 *       the configured directory is never removed.</li>
 * </ol>
 * Files written while the sweep runs are safe: they are new, and a directory that fills up again
 * before its removal makes the removal fail harmlessly.
 */
public final class TempFileSweeper {
    private static final Logger log = LoggerFactory.getLogger(TempFileSweeper.class);

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
        if (!Files.exists(directory)) {
            return new SweepReport(0, 0, 0, 1, 0);
        }
        try {
            Path root = directory.toRealPath();
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                log.atWarn().addKeyValue("path", directory).log("temp path is not a directory; skipped");
                return new SweepReport(0, 0, 0, 0, 1);
            }
            Visitor visitor = new Visitor(root, cutoff);
            Files.walkFileTree(root, Set.of(), Integer.MAX_VALUE, visitor);
            return new SweepReport(visitor.files, visitor.bytes, visitor.directories, 0, visitor.errors);
        } catch (IOException e) {
            log.atWarn().addKeyValue("path", directory).addKeyValue("error", e.toString()).log("temp directory not swept");
            return new SweepReport(0, 0, 0, 0, 1);
        }
    }

    private static final class Visitor implements FileVisitor<Path> {
        private final Path root;
        private final Instant cutoff;
        /** Per open directory: whether this sweep removed something in it. */
        private final Deque<boolean[]> removedIn = new ArrayDeque<>();
        long files;
        long bytes;
        long directories;
        int errors;

        Visitor(Path root, Instant cutoff) {
            this.root = root;
            this.cutoff = cutoff;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            removedIn.push(new boolean[1]);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.lastModifiedTime().toInstant().isBefore(cutoff)) {
                return FileVisitResult.CONTINUE;
            }
            try {
                Files.delete(file); // on a link this removes the link, not its target
                files++;
                bytes += attrs.isRegularFile() ? attrs.size() : 0;
                removedIn.peek()[0] = true;
            } catch (NoSuchFileException gone) {
                // removed by its owner meanwhile
            } catch (IOException e) {
                errors++;
                log.atWarn().addKeyValue("path", file).addKeyValue("error", e.toString()).log("temp file not removed");
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            errors++;
            log.atWarn().addKeyValue("path", file).addKeyValue("error", e.toString()).log("temp entry not readable");
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            boolean emptiedNow = removedIn.pop()[0];
            if (dir.equals(root) || e != null) {
                return FileVisitResult.CONTINUE;
            }
            try {
                boolean old = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
                if ((emptiedNow || old) && isEmpty(dir)) {
                    Files.delete(dir);
                    directories++;
                    removedIn.peek()[0] = true;
                }
            } catch (DirectoryNotEmptyException | NoSuchFileException raced) {
                // something was written into it meanwhile, or its owner removed it
            } catch (IOException failed) {
                errors++;
                log.atWarn().addKeyValue("path", dir).addKeyValue("error", failed.toString()).log("temp directory not removed");
            }
            return FileVisitResult.CONTINUE;
        }

        private static boolean isEmpty(Path dir) throws IOException {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                return !entries.iterator().hasNext();
            }
        }
    }
}
