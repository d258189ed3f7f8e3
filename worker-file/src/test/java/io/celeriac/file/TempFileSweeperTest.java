package io.celeriac.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ManualClock;
import io.celeriac.file.cleanup.SweepReport;
import io.celeriac.file.cleanup.TempFileSweeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileSweeperTest {
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofHours(25));
    private static final Instant FRESH = NOW.minus(Duration.ofHours(1));

    private final TempFileSweeper sweeper = new TempFileSweeper(Duration.ofHours(24), new ManualClock(NOW));

    @TempDir
    Path base;

    private static Path file(Path path, int size, Instant modified) throws IOException {
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[size]);
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }

    private static void touch(Path path, Instant modified) throws IOException {
        // on a link, set the link's own time, not its target's
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(modified), null, null);
    }

    @Test
    void removes_files_older_than_the_max_age_and_the_subdirectories_it_empties_but_never_the_directory_itself() throws IOException {
        Path temp = Files.createDirectory(base.resolve("temp"));
        file(temp.resolve("old.bin"), 100, OLD);
        file(temp.resolve("fresh.bin"), 10, FRESH);
        file(temp.resolve("a/b/old.bin"), 50, OLD);
        file(temp.resolve("mixed/old.bin"), 7, OLD);
        file(temp.resolve("mixed/fresh.bin"), 7, FRESH);
        Path justCreated = Files.createDirectory(temp.resolve("just-created"));
        touch(temp.resolve("a/b"), OLD);
        touch(temp.resolve("a"), OLD);
        touch(temp.resolve("mixed"), OLD);
        touch(temp, OLD);

        SweepReport report = sweeper.sweep(List.of(temp));

        assertEquals(new SweepReport(3, 157, 2, 0, 0), report);
        assertTrue(Files.isDirectory(temp), "the configured directory stays");
        assertTrue(Files.exists(temp.resolve("fresh.bin")));
        assertFalse(Files.exists(temp.resolve("a")), "emptied subdirectories go");
        assertTrue(Files.exists(temp.resolve("mixed/fresh.bin")));
        assertTrue(Files.isDirectory(justCreated), "a new empty directory may be in use");
    }

    @Test
    void never_follows_a_symbolic_link_out_of_the_directory() throws IOException {
        Path temp = Files.createDirectory(base.resolve("temp"));
        Path outside = Files.createDirectory(base.resolve("precious"));
        Path outsideFile = file(outside.resolve("keep.txt"), 30, OLD);
        Path dirLink = Files.createSymbolicLink(temp.resolve("to-dir"), outside);
        Path fileLink = Files.createSymbolicLink(temp.resolve("to-file"), outsideFile);
        Path freshLink = Files.createSymbolicLink(temp.resolve("fresh-link"), outsideFile);
        touch(dirLink, OLD);
        touch(fileLink, OLD);
        touch(freshLink, FRESH);
        touch(outside, OLD);

        SweepReport report = sweeper.sweep(List.of(temp));

        assertEquals(2, report.files(), "the two old links themselves");
        assertEquals(0, report.bytes(), "a link frees no data");
        assertTrue(Files.exists(outsideFile), "the target outside is untouched");
        assertTrue(Files.isDirectory(outside));
        assertFalse(Files.exists(dirLink, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(freshLink, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void a_configured_directory_planted_as_a_link_is_refused_and_its_target_untouched() throws IOException {
        Path uploads = Files.createDirectory(base.resolve("uploads"));
        Path upload = file(uploads.resolve("contract.pdf"), 5, OLD);
        Path planted = Files.createSymbolicLink(base.resolve("personal_assistant"), uploads);

        SweepReport report = sweeper.sweep(List.of(planted));

        assertEquals(new SweepReport(0, 0, 0, 0, 1), report, "refused, counted as one error");
        assertTrue(Files.exists(upload), "the link's target is never swept");
    }

    @Test
    void a_directory_owned_by_another_user_is_refused() throws IOException {
        Path temp = Files.createDirectory(base.resolve("temp"));
        Path file = file(temp.resolve("old.bin"), 5, OLD);
        UserPrincipal nobody;
        try {
            nobody = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
            Files.setOwner(temp, nobody);
        } catch (IOException notRoot) {
            Assumptions.abort("changing a directory's owner needs root: " + notRoot);
            return;
        }

        SweepReport report = sweeper.sweep(List.of(temp));

        assertEquals(new SweepReport(0, 0, 0, 0, 1), report);
        assertTrue(Files.exists(file), "another user's directory (planted before the service made its own) is left alone");
    }

    @Test
    void missing_directories_are_counted_and_are_not_an_error() {
        SweepReport report = sweeper.sweep(List.of(base.resolve("nope"), base.resolve("neither")));

        assertEquals(new SweepReport(0, 0, 0, 2, 0), report);
    }
}
