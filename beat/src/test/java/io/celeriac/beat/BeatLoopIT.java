package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.beat.redis.StoredEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One beat replica driven pass by pass with a manual clock, against the real Redis. */
class BeatLoopIT {
    private static final Instant START = Instant.parse("2026-11-22T10:03:00Z");

    private static List<Instant> instants(String... texts) {
        return Arrays.stream(texts).map(Instant::parse).toList();
    }

    /** Advances in {@code step}s until {@code until}, running one pass after each. */
    private static void runUntil(BeatFixture f, Beat beat, Instant until, Duration step) {
        while (f.clock.instant().isBefore(until)) {
            f.clock.advance(step);
            beat.runOnce();
            beat.runOnce();
        }
    }

    @Test
    void fires_each_occurrence_at_its_instant_and_sleeps_until_the_next() {
        try (BeatFixture f = new BeatFixture(START)) {
            f.add("often", "{'task': 'x.often', 'every': '10m', 'kwargs': {'n': 1}}");
            Beat beat = f.replica("a");
            assertEquals(Duration.ofSeconds(1), beat.runOnce(), "nothing due: one heartbeat");
            f.clock.set(Instant.parse("2026-11-22T10:09:59.600Z"));
            assertEquals(Duration.ofMillis(400), beat.runOnce(), "sleeps exactly until the due time");
            assertTrue(f.sent().isEmpty());
            f.clock.set(Instant.parse("2026-11-22T10:10:00Z"));
            assertEquals(Duration.ZERO, beat.runOnce(), "fired: look again at once");
            assertEquals(Duration.ofSeconds(1), beat.runOnce());
            assertEquals(instants("2026-11-22T10:10:00Z"), f.sentTimes("x.often"));
            assertEquals(1, f.queued("celery"), "an ordinary message on the routed queue");
            StoredEntry state = f.store.read("often").orElseThrow();
            assertEquals(1, state.state().runs());
            assertEquals(Instant.parse("2026-11-22T10:10:00Z"), state.state().lastRun());
            assertEquals(Instant.parse("2026-11-22T10:20:00Z"), state.state().next());
        }
    }

    @Test
    void options_are_passed_and_routes_choose_the_queue() {
        try (BeatFixture f = new BeatFixture(START, "routes:\n  \"x.routed.*\": special\n")) {
            f.add("routed", "{'task': 'x.routed.t', 'every': '1m'}");
            f.add("explicit", "{'task': 'x.other', 'every': '1m', 'options': {'queue': 'mine', 'priority': 6, 'expires': '30s'}}");
            Beat beat = f.replica("a");
            runUntil(f, beat, Instant.parse("2026-11-22T10:04:00Z"), Duration.ofSeconds(43));
            assertEquals(1, f.queued("special"));
            assertEquals(1, f.queued("mine"));
            BeatFixture.Sent explicit = f.sent().stream().filter(s -> s.task().equals("x.other")).findFirst().orElseThrow();
            assertEquals(6, explicit.options().priority());
            assertEquals(explicit.at().plusSeconds(30), explicit.options().expires());
        }
    }

    @Test
    void after_downtime_run_once_sends_one_message_and_skip_sends_none() {
        try (BeatFixture f = new BeatFixture(START)) {
            f.add("catch-up", "{'task': 'x.catchup', 'every': '10m'}");
            f.add("skipper", "{'task': 'x.skipper', 'every': '10m', 'misfire': 'skip'}");
            Beat beat = f.replica("a");
            beat.runOnce();
            f.clock.set(Instant.parse("2026-11-22T13:37:00Z"));   // 20 occurrences missed
            beat.runOnce();
            beat.runOnce();
            assertEquals(instants("2026-11-22T13:37:00Z"), f.sentTimes("x.catchup"));
            assertEquals(List.of(), f.sentTimes("x.skipper"));
            assertEquals(1, f.store.read("skipper").orElseThrow().state().skipped());
            runUntil(f, beat, Instant.parse("2026-11-22T13:40:00Z"), Duration.ofSeconds(20));
            assertEquals(instants("2026-11-22T13:37:00Z", "2026-11-22T13:40:00Z"), f.sentTimes("x.catchup"));
            assertEquals(instants("2026-11-22T13:40:00Z"), f.sentTimes("x.skipper"));
        }
    }

    @Test
    void a_short_delay_within_the_grace_is_sent_even_under_skip() {
        try (BeatFixture f = new BeatFixture(START)) {
            f.add("skipper", "{'task': 'x.skipper', 'every': '10m', 'misfire': 'skip'}");
            Beat beat = f.replica("a");
            beat.runOnce();
            f.clock.set(Instant.parse("2026-11-22T10:10:08Z"));   // e.g. a leader takeover
            beat.runOnce();
            assertEquals(instants("2026-11-22T10:10:08Z"), f.sentTimes("x.skipper"));
        }
    }

    @Test
    void a_restarted_beat_neither_repeats_nor_loses_runs() {
        try (BeatFixture f = new BeatFixture(START)) {
            BeatEntry entry = f.entry("often", "{'task': 'x.often', 'every': '10m'}");
            ConfigSync.apply(f.store, List.of(entry), f.clock.instant());
            Beat first = f.replica("first");
            runUntil(f, first, Instant.parse("2026-11-22T10:10:05Z"), Duration.ofSeconds(5));
            first.stop();
            // the restart: the config is synced again, a new replica takes over
            ConfigSync.apply(f.store, List.of(entry), f.clock.instant());
            Beat second = f.replica("second");
            runUntil(f, second, Instant.parse("2026-11-22T10:20:05Z"), Duration.ofSeconds(5));
            assertEquals(instants("2026-11-22T10:10:00Z", "2026-11-22T10:20:00Z"), f.sentTimes("x.often"));
            assertEquals(2, f.store.read("often").orElseThrow().state().runs());
        }
    }

    @Test
    void a_daily_paris_entry_fires_once_on_each_daylight_saving_day() {
        try (BeatFixture f = new BeatFixture(Instant.parse("2027-03-26T12:00:00Z"))) {
            f.add("night", "{'task': 'x.night', 'cron': '30 2 * * *', 'timezone': 'Europe/Paris'}");
            Beat beat = f.replica("a");
            runUntil(f, beat, Instant.parse("2027-03-29T12:00:00Z"), Duration.ofMinutes(1));
            assertEquals(instants("2027-03-27T01:30:00Z", "2027-03-28T01:00:00Z", "2027-03-29T00:30:00Z"), f.sentTimes("x.night"));
        }
        try (BeatFixture f = new BeatFixture(Instant.parse("2026-10-23T12:00:00Z"))) {
            f.add("night", "{'task': 'x.night', 'cron': '30 2 * * *', 'timezone': 'Europe/Paris'}");
            Beat beat = f.replica("a");
            runUntil(f, beat, Instant.parse("2026-10-26T12:00:00Z"), Duration.ofMinutes(1));
            assertEquals(instants("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"), f.sentTimes("x.night"));
        }
    }

    @Test
    void dynamic_entries_are_seen_on_the_next_pass_and_removal_stops_them() {
        try (BeatFixture f = new BeatFixture(START)) {
            Beat beat = f.replica("a");
            beat.runOnce();
            f.add("new", "{'task': 'x.new', 'every': '1m'}");
            f.clock.set(Instant.parse("2026-11-22T10:03:59.750Z"));
            assertEquals(Duration.ofMillis(250), beat.runOnce(), "the new entry's due time sizes the sleep");
            f.clock.set(Instant.parse("2026-11-22T10:03:50Z"));
            runUntil(f, beat, Instant.parse("2026-11-22T10:05:00Z"), Duration.ofSeconds(10));
            assertEquals(instants("2026-11-22T10:04:00Z", "2026-11-22T10:05:00Z"), f.sentTimes("x.new"));
            f.store.remove("new", io.celeriac.beat.redis.BeatStore.Source.DYNAMIC);
            runUntil(f, beat, Instant.parse("2026-11-22T10:10:00Z"), Duration.ofSeconds(10));
            assertEquals(2, f.sentTimes("x.new").size());
        }
    }

    @Test
    void a_disabled_entry_does_not_fire_and_enabling_restarts_it_from_now() {
        try (BeatFixture f = new BeatFixture(START)) {
            f.add("often", "{'task': 'x.often', 'every': '10m'}");
            Beat beat = f.replica("a");
            beat.runOnce();
            f.store.setEnabled("often", false, f.clock.instant());
            runUntil(f, beat, Instant.parse("2026-11-22T11:15:00Z"), Duration.ofSeconds(30));
            assertTrue(f.sent().isEmpty());
            f.store.setEnabled("often", true, f.clock.instant());
            beat.runOnce();
            assertTrue(f.sent().isEmpty(), "no misfire for the disabled hour");
            runUntil(f, beat, Instant.parse("2026-11-22T11:20:00Z"), Duration.ofSeconds(30));
            assertEquals(instants("2026-11-22T11:20:00Z"), f.sentTimes("x.often"));
        }
    }

    @Test
    void a_message_that_cannot_be_sent_is_given_back_and_sent_by_a_later_pass() {
        try (BeatFixture f = new BeatFixture(START)) {
            f.add("often", "{'task': 'x.often', 'every': '1m'}");
            java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(EntryFirer.SEND_TRIES);
            io.celeriac.core.client.TaskSender flaky = (task, args, kwargs, options) -> {
                if (refusals.getAndDecrement() > 0) {
                    throw new IllegalStateException("broker unreachable");
                }
                return f.recorder().send(task, args, kwargs, options);
            };
            Beat beat = f.replica("a", flaky);
            beat.runOnce();
            f.clock.set(Instant.parse("2026-11-22T10:04:00Z"));
            assertEquals(BeatFixture.SETTINGS.heartbeat(), beat.runOnce(), "refused three times: given back, try after a heartbeat");
            assertTrue(f.sent().isEmpty());
            StoredEntry back = f.store.read("often").orElseThrow();
            assertEquals(Instant.parse("2026-11-22T10:04:00Z"), back.state().next(), "due again");
            assertEquals(0, back.state().runs());
            f.clock.set(Instant.parse("2026-11-22T10:04:01Z"));
            beat.runOnce();
            assertEquals(instants("2026-11-22T10:04:01Z"), f.sentTimes("x.often"));
            assertEquals(1, f.store.read("often").orElseThrow().state().runs());
        }
    }

    @Test
    void catch_up_sends_every_missed_occurrence_once_within_its_window() {
        try (BeatFixture f = new BeatFixture(START)) {
            f.add("every", "{'task': 'x.every', 'every': '10m', 'misfire': 'catch-up', 'catch_up_window': '1h'}");
            Beat beat = f.replica("a");
            beat.runOnce();
            f.clock.set(Instant.parse("2026-11-22T13:37:00Z"));   // 10:10 to 13:30 missed
            for (int i = 0; i < 20; i++) {
                beat.runOnce();
            }
            assertEquals(6, f.sentTimes("x.every").size(), "12:40, 12:50, 13:00, 13:10, 13:20, 13:30: the last hour's");
            StoredEntry state = f.store.read("every").orElseThrow();
            assertEquals(1, state.state().skipped(), "the older ones skipped in one step");
            assertEquals(Instant.parse("2026-11-22T13:40:00Z"), state.state().next());
        }
    }

    @Test
    void a_takeover_gap_of_an_every_second_entry_is_sent_one_message_per_occurrence() {
        try (BeatFixture f = new BeatFixture(START)) {
            f.add("tick", "{'task': 'x.tick', 'every': '1s'}");
            Beat beat = f.replica("a");
            beat.runOnce();
            f.clock.set(START.plusSeconds(5));
            for (int i = 0; i < 10; i++) {
                beat.runOnce();
            }
            assertEquals(5, f.sentTimes("x.tick").size(), "10:03:01 to 10:03:05, none collapsed");
        }
    }
}
