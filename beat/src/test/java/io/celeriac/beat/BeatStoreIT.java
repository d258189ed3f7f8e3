package io.celeriac.beat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.beat.redis.BeatLease;
import io.celeriac.beat.redis.BeatStore;
import io.celeriac.beat.redis.BeatStore.Claim;
import io.celeriac.beat.redis.BeatStore.Source;
import io.celeriac.beat.redis.BeatStore.Write;
import io.celeriac.beat.redis.StoredEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Lua scripts behind the store and the lease, one rule at a time. */
class BeatStoreIT {
    private static final Instant NOW = Instant.parse("2026-11-22T10:03:00Z");

    private static BeatLease lease(BeatFixture f, String token) {
        return new BeatLease(f.app.redis(), f.store.keys(), token, Duration.ofSeconds(5));
    }

    @Test
    void one_occurrence_is_claimed_once_however_many_try() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            f.add("e", "{'task': 'x.e', 'every': '1m'}");
            lease(f, "a").acquireOrRenew(NOW);
            StoredEntry read = f.store.read("e").orElseThrow();
            Instant due = read.state().next();
            Instant next = due.plusSeconds(60);
            assertEquals(Claim.CLAIMED, f.store.claim("a", read, next, due, "id-1"));
            assertEquals(Claim.STALE, f.store.claim("a", read, next, due, "id-2"), "the same read cannot claim twice");
            assertEquals(Claim.NOT_LEADER, f.store.claim("b", f.store.read("e").orElseThrow(), next, due, "id-3"));
            StoredEntry after = f.store.read("e").orElseThrow();
            assertEquals(1, after.state().runs());
            assertEquals("id-1", after.state().lastTaskId());
            assertEquals(next, after.state().next());
        }
    }

    @Test
    void a_claim_fails_when_the_entry_changed_since_it_was_read() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            f.add("e", "{'task': 'x.e', 'every': '1m'}");
            lease(f, "a").acquireOrRenew(NOW);
            StoredEntry read = f.store.read("e").orElseThrow();
            f.add("e", "{'task': 'x.e', 'every': '1m', 'args': [1]}");
            assertEquals(Claim.STALE, f.store.claim("a", read, NOW.plusSeconds(120), NOW, "id"));
        }
    }

    @Test
    void the_lease_goes_to_one_beat_until_it_expires_or_is_released() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            BeatLease a = lease(f, "a");
            BeatLease b = lease(f, "b");
            assertTrue(a.acquireOrRenew(NOW).held());
            BeatLease.Status standby = b.acquireOrRenew(NOW.plusSeconds(4));
            assertFalse(standby.held());
            assertEquals("a", standby.owner());
            assertTrue(a.acquireOrRenew(NOW.plusSeconds(4)).held(), "renewed to 4 s + 5 s");
            assertEquals(String.valueOf(NOW.plusSeconds(4).toEpochMilli()),
                    f.app.redis().<String, String>getMap(new io.celeriac.beat.redis.BeatKeys(f.app.keys()).leader()).get("renewed"),
                    "the leader's last pass, for celeriac exporter; a standby's look does not write it");
            assertFalse(b.acquireOrRenew(NOW.plusSeconds(9)).held());
            assertTrue(b.acquireOrRenew(NOW.plusMillis(9_001)).held(), "expired: taken over");
            assertFalse(a.acquireOrRenew(NOW.plusSeconds(10)).held());
            assertFalse(a.release(), "a no longer holds it");
            assertTrue(b.release());
            assertTrue(a.acquireOrRenew(NOW.plusSeconds(10)).held(), "released: free at once");
        }
    }

    @Test
    void state_survives_an_unchanged_or_argument_only_write_but_not_a_schedule_change() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            BeatEntry entry = f.entry("e", "{'task': 'x.e', 'every': '10m'}");
            assertEquals(Write.WRITTEN, f.store.upsert(entry, NOW, Source.CONFIG));
            assertEquals(Write.UNCHANGED, f.store.upsert(entry, NOW.plusSeconds(3600), Source.CONFIG));
            assertEquals(Instant.parse("2026-11-22T10:10:00Z"), f.store.read("e").orElseThrow().state().next());
            f.store.upsert(f.entry("e", "{'task': 'x.e', 'every': '10m', 'args': [2]}"), NOW.plusSeconds(3600), Source.CONFIG);
            assertEquals(Instant.parse("2026-11-22T10:10:00Z"), f.store.read("e").orElseThrow().state().next());
            f.store.upsert(f.entry("e", "{'task': 'x.e', 'every': '30m'}"), NOW.plusSeconds(3600), Source.CONFIG);
            assertEquals(Instant.parse("2026-11-22T11:30:00Z"), f.store.read("e").orElseThrow().state().next());
        }
    }

    @Test
    void config_entries_cannot_be_replaced_or_removed_from_the_cli_and_sync_drops_old_ones() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            BeatEntry a = f.entry("a", "{'task': 'x.a', 'every': '10m'}");
            BeatEntry b = f.entry("b", "{'task': 'x.b', 'every': '10m'}");
            ConfigSync.apply(f.store, List.of(a, b), NOW);
            f.add("mine", "{'task': 'x.mine', 'every': '1m'}");
            assertEquals(Write.REFUSED_CONFIG_ENTRY, f.store.upsert(f.entry("a", "{'task': 'x.z', 'every': '1m'}"), NOW, Source.DYNAMIC));
            assertEquals(Write.REFUSED_CONFIG_ENTRY, f.store.remove("a", Source.DYNAMIC));
            assertEquals(Write.WRITTEN, f.store.setEnabled("a", false, NOW), "config entries can be disabled");
            ConfigSync.apply(f.store, List.of(a), NOW);
            List<String> names = f.store.readAll().entries().stream().map(StoredEntry::name).toList();
            assertEquals(List.of("a", "mine"), names, "b left the config; the dynamic entry stays");
            assertFalse(f.store.read("a").orElseThrow().enabled(), "the operator's disable survives the sync");
            assertEquals(Write.WRITTEN, f.store.remove("mine", Source.DYNAMIC));
            assertEquals(Write.NO_SUCH_ENTRY, f.store.remove("mine", Source.DYNAMIC));
        }
    }

    @Test
    void every_change_bumps_the_version_and_claims_do_not() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            long v0 = f.store.version();
            f.add("e", "{'task': 'x.e', 'every': '1m'}");
            long v1 = f.store.version();
            assertTrue(v1 > v0);
            lease(f, "a").acquireOrRenew(NOW);
            f.store.claim("a", f.store.read("e").orElseThrow(), NOW.plusSeconds(120), NOW, "id");
            assertEquals(v1, f.store.version());
            f.store.setEnabled("e", false, NOW);
            assertTrue(f.store.version() > v1);
        }
    }

    @Test
    void the_lease_call_reads_redis_clock_when_given_no_time() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            Instant before = f.store.now();
            BeatLease.Status status = lease(f, "a").acquireOrRenew();
            Instant after = f.store.now();
            assertTrue(status.held());
            assertFalse(status.now().isBefore(before) || status.now().isAfter(after), status.now() + " outside " + before + ".." + after);
            assertEquals(status.now().plusSeconds(5), status.expires());
            assertTrue(Duration.between(before, Instant.now()).abs().compareTo(Duration.ofSeconds(5)) < 0, "Redis runs on this machine");
        }
    }

    @Test
    void a_claim_is_refused_before_the_occurrence_is_due() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            f.add("e", "{'task': 'x.e', 'every': '1m'}");
            lease(f, "a").acquireOrRenew(NOW);
            StoredEntry read = f.store.read("e").orElseThrow();
            assertEquals(Claim.STALE, f.store.claim("a", read, read.state().next().plusSeconds(60), read.state().next().minusMillis(1), "id"));
            assertEquals(Claim.CLAIMED, f.store.claim("a", read, read.state().next().plusSeconds(60), read.state().next(), "id"));
        }
    }

    @Test
    void a_claim_given_back_is_due_again_unless_the_entry_moved_on() {
        try (BeatFixture f = new BeatFixture(NOW)) {
            f.add("e", "{'task': 'x.e', 'every': '1m'}");
            lease(f, "a").acquireOrRenew(NOW);
            StoredEntry read = f.store.read("e").orElseThrow();
            Instant due = read.state().next();
            Instant next = due.plusSeconds(60);
            assertEquals(Claim.CLAIMED, f.store.claim("a", read, next, due, "id-1"));
            assertTrue(f.store.unclaim(read, next, "id-1"));
            StoredEntry back = f.store.read("e").orElseThrow();
            assertEquals(due, back.state().next());
            assertEquals(0, back.state().runs());
            assertEquals(null, back.state().lastTaskId());
            assertEquals(Claim.CLAIMED, f.store.claim("a", back, next, due, "id-2"));
            assertFalse(f.store.unclaim(back, next, "id-1"), "another claim's task id: not given back");
            assertEquals(1, f.store.read("e").orElseThrow().state().runs());
        }
    }
}
