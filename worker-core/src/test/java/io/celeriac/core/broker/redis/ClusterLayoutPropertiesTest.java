package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The cluster layout over any queue name and task id a user or an attacker may send (braces,
 * percent signs, colons, Unicode): every key of a queue hashes to one slot, two names never share
 * keys, and outbox entries survive their round trip; a corrupted entry is refused, never misread.
 */
class ClusterLayoutPropertiesTest {
    private final ClusterKeys keys = new ClusterKeys("celeriac:");

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}%:ab\u0006\u0016 ").ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40));
    }

    @Property(tries = 500)
    void every_key_of_a_queue_hashes_to_the_queue_s_slot(@ForAll("names") String queue, @ForAll("names") String worker) {
        int slot = ClusterNodes.slotOf(keys.queueList(queue, 0));
        for (int priority = 0; priority <= 9; priority++) {
            String list = keys.queueList(queue, priority);
            assertEquals(slot, ClusterNodes.slotOf(list));
            String inflight = keys.inflight(worker, list);
            assertEquals(slot, ClusterNodes.slotOf(inflight));
            assertEquals(worker, keys.workerOfInflight(inflight));
            assertEquals(new RedisKeys.QueueListName(queue, RedisKeys.stepOf(priority)), keys.queueOfList(list));
        }
        String tag = keys.queueTag(queue);
        for (String key : List.of(keys.delayed(queue), keys.dead(queue), keys.outbox(tag, worker), keys.relaying(tag, worker),
                keys.minuteCounter(tag, "processed", 29_000_000L))) {
            assertEquals(slot, ClusterNodes.slotOf(key), key);
            assertEquals(tag, keys.tagOf(key));
        }
    }

    @Property(tries = 500)
    void two_names_never_share_a_key(@ForAll("names") String one, @ForAll("names") String other) {
        if (!one.equals(other)) {
            assertNotEquals(keys.queueList(one, 0), keys.queueList(other, 0));
            assertNotEquals(keys.result(one), keys.result(other));
        }
        assertNotEquals(keys.queueList(one, 0), keys.result(one), "queues and results have tags of their own");
    }

    @Property(tries = 300)
    void an_outbox_entry_survives_its_round_trip(@ForAll("names") String tag, @ForAll @Size(max = 6) List<String> keyNames,
                                                 @ForAll @Size(max = 12) List<byte[]> ops) {
        SlotWrites writes = new SlotWrites(tag, new LinkedHashSet<>(keyNames), ops);
        SlotWrites back = SlotWrites.decode(writes.encode());
        assertEquals(writes.tag(), back.tag());
        assertEquals(writes.keys(), back.keys());
        assertEquals(writes.ops().size(), back.ops().size());
        for (int i = 0; i < ops.size(); i++) {
            assertArrayEquals(ops.get(i), back.ops().get(i));
        }
    }

    @Property(tries = 300)
    void a_corrupted_outbox_entry_is_refused(@ForAll("names") String tag, @ForAll @Size(min = 1, max = 200) byte[] garbage) {
        byte[] entry = new SlotWrites(tag, new LinkedHashSet<>(List.of("k")), List.of(new byte[] {'S'})).encode();
        byte[] cut = java.util.Arrays.copyOf(entry, Math.max(0, entry.length - 1 - (garbage[0] & 3)));
        assertThrows(IllegalStateException.class, () -> SlotWrites.decode(cut));
        try {
            SlotWrites decoded = SlotWrites.decode(garbage);
            assertTrue(decoded.ops().size() <= garbage.length, "never more than the bytes can hold");
        } catch (IllegalStateException refused) {
            // what garbage should get
        }
    }

    @Property(tries = 300)
    void a_cluster_url_keeps_its_seeds_and_never_prints_its_password(@ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.constraints.IntRange(min = 1, max = 65535) Integer> ports,
                                                                   @ForAll("names") String password) {
        String seeds = String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
        RedisUrl url = RedisUrl.parse("redis+cluster://:" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                + "@" + seeds);
        assertTrue(url.cluster());
        assertEquals(ports.size(), url.clusterSeeds().size());
        assertEquals(password, url.password());
        assertTrue(!url.redacted().contains(":" + password + "@") || password.equals("*") || password.equals("**") || password.equals("***"),
                url.redacted());
        assertEquals(url, RedisUrl.parse(url.withSecrets()), "a child process gets the same URL");
    }
}
