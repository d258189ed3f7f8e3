package io.celeriac.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ManualClock;
import io.celeriac.file.cleanup.TempFileSweeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swap race of the security review, with real files and a real racing thread: while the sweep
 * walks a temp directory, its subdirectory is swapped for a link to a directory of
 * old files of the same names outside. The sweeper this replaced (paths resolved again at each
 * delete) lost 4,995 of these 5,000 outside files; the outside directory must keep every file.
 */
class SweepRaceIT {
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final FileTime OLD = FileTime.from(NOW.minus(Duration.ofDays(3)));
    private static final int FILES = 5_000;

    @TempDir
    Path base;

    @Test
    void swapping_a_subdirectory_for_a_link_during_the_sweep_never_reaches_outside() throws Exception {
        TempFileSweeper sweeper = new TempFileSweeper(Duration.ofHours(24), new ManualClock(NOW));
        for (int round = 1; round <= 3; round++) {
            Path temp = Files.createDirectories(base.resolve("round-" + round + "/temp"));
            Path outside = Files.createDirectories(base.resolve("round-" + round + "/precious"));
            Path sub = Files.createDirectory(temp.resolve("sub"));
            // the same names inside and outside: a delete that resolves its path through the link removes the outside file
            for (int i = 0; i < FILES; i++) {
                Files.setLastModifiedTime(Files.writeString(sub.resolve("t" + i), "temp"), OLD);
                Files.setLastModifiedTime(Files.writeString(outside.resolve("t" + i), "precious"), OLD);
            }

            int swaps = race(sub, temp.resolve("sub.real"), outside, () -> sweeper.sweep(List.of(temp)));

            try (Stream<Path> kept = Files.list(outside)) {
                assertEquals(FILES, kept.count(), "round " + round + ": every outside file survives (swapped: " + swaps + ")");
            }
            assertEquals(1, swaps, "round " + round + ": the swap happened while the sweep ran");
        }
    }

    /**
     * Runs {@code sweep}; once it has started removing files in {@code sub}, swaps {@code sub} for a
     * link to {@code outside} (the original moved to {@code aside}), as the review's probe did.
     * Returns 1 when the swap happened while the sweep was still running.
     */
    private static int race(Path sub, Path aside, Path outside, Runnable sweep) throws Exception {
        AtomicInteger swapped = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(1);
        Thread racer = Thread.ofPlatform().start(() -> {
            ready.countDown();
            try {
                while (!done.get()) {
                    long left;
                    try (Stream<Path> entries = Files.list(sub)) {
                        left = entries.count();
                    }
                    if (left < FILES) {
                        Files.move(sub, aside, StandardCopyOption.ATOMIC_MOVE);
                        Files.createSymbolicLink(sub, outside);
                        swapped.set(done.get() ? 0 : 1);
                        return;
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(ready.await(10, TimeUnit.SECONDS));
        try {
            sweep.run();
        } finally {
            done.set(true);
            racer.join(10_000);
        }
        return swapped.get();
    }
}
