package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Several replicas over simulated days, driven by one manual clock in a seeded random order, with
 * leaders crashing (they stop renewing without releasing) and coming back. Every occurrence of the
 * application's default entries must be sent exactly once.
 */
class ReplicasIT {
    private static final Instant START = Instant.parse("2026-11-20T23:00:00Z");
    /** Below the shortest interval (5 min), so no two occurrences of one entry fall in one step. */
    private static final int MAX_STEP_SECONDS = 120;
    /** A send may trail its occurrence by a step, a crash's silence and the lease timeout. */
    private static final Duration MAX_LATENESS = Duration.ofSeconds(MAX_STEP_SECONDS + 20 + 5);

    private static final class Replica {
        Beat beat;
        Instant downUntil = Instant.MIN;
        int generation;
    }

    private static void simulate(int replicas, Duration length, long seed) {
        List<BeatEntry> entries = DefaultEntriesTest.distributionConfig().entries();
        try (BeatFixture f = new BeatFixture(START)) {
            ConfigSync.apply(f.store, entries, START);
            SplittableRandom random = new SplittableRandom(seed);
            List<Replica> group = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Replica r = new Replica();
                r.beat = f.replica("r" + i + "-0");
                group.add(r);
            }
            Instant end = START.plus(length);
            int crashes = 0;
            while (f.clock.instant().isBefore(end)) {
                f.clock.advance(Duration.ofSeconds(1 + random.nextInt(MAX_STEP_SECONDS)));
                Instant now = f.clock.instant();
                List<Replica> order = new ArrayList<>(group);
                Collections.shuffle(order, new java.util.Random(random.nextLong()));
                for (Replica r : order) {
                    if (now.isBefore(r.downUntil)) {
                        continue;
                    }
                    r.beat.runOnce();
                    if (r.beat.isLeader() && random.nextInt(400) == 0) {
                        // silent for up to 20 s without releasing the lease; then either a new
                        // process (crash and restart, new token) or the same one resuming (a long
                        // pause) with its stale view of the entries
                        r.downUntil = now.plusSeconds(random.nextInt(20));
                        if (random.nextBoolean()) {
                            r.generation++;
                            r.beat = f.replica("r" + group.indexOf(r) + "-" + r.generation);
                        }
                        crashes++;
                    }
                }
            }
            assertTrue(crashes > 3, "the simulation crashed leaders " + crashes + " times");
            assertExactlyOnce(f, entries, end);
        }
    }

    private static void assertExactlyOnce(BeatFixture f, List<BeatEntry> entries, Instant end) {
        int total = 0;
        for (BeatEntry entry : entries) {
            Schedule schedule = entry.schedule();
            List<Instant> sent = f.sentTimes(entry.task());
            Map<Instant, Integer> perOccurrence = new HashMap<>();
            for (Instant at : sent) {
                // the occurrence a send stands for: the latest one not after it
                Instant occurrence = schedule.nextAfter(at.minus(MAX_LATENESS).minusSeconds(1)).orElseThrow();
                for (Instant o = occurrence; !o.isAfter(at); o = schedule.nextAfter(o).orElseThrow()) {
                    occurrence = o;
                }
                perOccurrence.merge(occurrence, 1, Integer::sum);
                assertTrue(Duration.between(occurrence, at).compareTo(MAX_LATENESS) <= 0,
                        entry.name() + " sent " + at + " for " + occurrence + ": too late");
            }
            // the last occurrence may be due but not yet reached by a pass
            List<Instant> expected = new ArrayList<>();
            for (Instant o = schedule.nextAfter(START).orElseThrow(); o.isBefore(end.minus(MAX_LATENESS));
                 o = schedule.nextAfter(o).orElseThrow()) {
                expected.add(o);
            }
            for (Instant o : expected) {
                assertEquals(1, perOccurrence.getOrDefault(o, 0), entry.name() + " occurrence " + o);
            }
            perOccurrence.values().forEach(n -> assertEquals(1, n, entry.name() + " duplicated"));
            total += sent.size();
        }
        assertEquals(total, f.sent().size());
        int queued = 0;
        for (String queue : List.of("ai_tasks", "email_tasks", "file_tasks", "sync_tasks", "maintenance_tasks", "celery")) {
            queued += f.queued(queue);
        }
        assertEquals(total, queued, "every recorded send is a message in Redis");
    }

    @Test
    void two_replicas_send_each_occurrence_once_over_four_days() {
        simulate(2, Duration.ofDays(4), 7);
    }

    @Test
    void three_replicas_send_each_occurrence_once_over_four_days() {
        simulate(3, Duration.ofDays(4), 11);
    }

    @Test
    void a_standby_takes_over_within_the_lease_timeout_when_the_leader_stops_renewing() {
        try (BeatFixture f = new BeatFixture(START)) {
            f.add("often", "{'task': 'x.often', 'every': '5s'}");
            Beat a = f.replica("a");
            Beat b = f.replica("b");
            a.runOnce();
            b.runOnce();
            assertTrue(a.isLeader());
            assertFalse(b.isLeader());
            Instant lastRenewal = f.clock.instant();
            Instant tookOver = null;
            while (tookOver == null) {
                f.clock.advance(Duration.ofSeconds(1));   // b's heartbeat
                b.runOnce();
                if (b.isLeader()) {
                    tookOver = f.clock.instant();
                }
            }
            Duration gap = Duration.between(lastRenewal, tookOver);
            assertTrue(gap.compareTo(Duration.ofSeconds(10)) < 0, "took over after " + gap);
            assertEquals(Duration.ofSeconds(6), gap, "lease timeout 5 s plus one heartbeat");
            b.runOnce();
            assertEquals(List.of(Instant.parse("2026-11-20T23:00:06Z")), f.sentTimes("x.often"),
                    "the occurrence due at :05, during the gap, went out once, late but within the grace");
            // the old leader comes back: it finds the lease taken and sends nothing
            a.runOnce();
            assertFalse(a.isLeader());
            assertEquals(1, f.sent().size());
        }
    }

    @Test
    void a_clean_stop_hands_the_lease_over_at_once() {
        try (BeatFixture f = new BeatFixture(START)) {
            Beat a = f.replica("a");
            Beat b = f.replica("b");
            a.runOnce();
            b.runOnce();
            a.stop();
            b.runOnce();
            assertTrue(b.isLeader());
        }
    }
}
