package io.celeriac.beat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.celeriac.core.broker.redis.ClusterKeys;
import io.celeriac.core.testing.ClusterTopology;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Two {@code celeriac beat} replicas on a {@code redis+cluster://} URL, an every-second entry, and
 * the slot of the beat's keys (the fleet's hash tag) migrated to another master while they run:
 * every occurrence from the first to the last is sent once, and each is one message in the queue.
 */
class ClusterBeatIT {
    private static final Pattern SENT = Pattern.compile("sent (?:periodic task|a missed occurrence).* entry=tick .*task_id=(\\S+) due=(\\S+) late_ms=(-?\\d+)");

    @Test
    void beats_on_a_cluster_fire_every_occurrence_once_while_their_slot_moves() throws Exception {
        String prefix = "t" + java.util.UUID.randomUUID().toString().substring(0, 8) + ":";
        ClusterKeys keys = new ClusterKeys(prefix);
        try (ClusterTopology cluster = ClusterTopology.start(3)) {
            String yaml = "key_prefix: \"" + prefix + "\"\nbeat:\n  entries:\n    tick: {task: x.tick, every: 1s, misfire: catch-up}\n";
            Path config = Files.createTempFile("celeriac-cluster-beat", ".yaml");
            Files.writeString(config, yaml);
            List<JavaProcess> beats = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    beats.add(JavaProcess.celeriac("beat", "--config=" + config, "--broker-url=" + cluster.url()));
                }
                Eventually.await("three sends", Duration.ofSeconds(60), () -> sends(beats).size() >= 3);
                int slot = ClusterTopology.slotOf(keys.workers());
                int source = cluster.portOfSlot(slot);
                int target = cluster.masterPorts().stream().filter(port -> port != source).findFirst().orElseThrow();
                ClusterTopology.Migration migration = cluster.beginMigration(slot, target);
                migration.moveSome(1);
                migration.finish();
                int afterMove = sends(beats).size();
                Eventually.await("five sends after the slot moved", Duration.ofSeconds(30), () -> sends(beats).size() >= afterMove + 5);
                for (JavaProcess beat : beats) {
                    assertEquals(0, beat.terminate(Duration.ofSeconds(20)), beat.log());
                }
                TreeMap<Instant, Integer> perOccurrence = new TreeMap<>();
                sends(beats).forEach(due -> perOccurrence.merge(due, 1, Integer::sum));
                perOccurrence.forEach((due, n) -> assertEquals(1, n, "occurrence " + due + " sent " + n + " times"));
                assertEquals(Duration.between(perOccurrence.firstKey(), perOccurrence.lastKey()).toSeconds() + 1, perOccurrence.size(),
                        "every second sent: " + perOccurrence.keySet());
                String queue = keys.queueList("celery", 0);
                try (Jedis node = cluster.node(cluster.portOfSlot(ClusterTopology.slotOf(queue)))) {
                    assertEquals(perOccurrence.size(), node.llen(queue), "each send is one message in the queue");
                }
                System.out.println("beat on a cluster, its slot moved: " + perOccurrence.size() + " occurrences, each sent once");
            } finally {
                for (JavaProcess beat : beats) {
                    beat.close();
                }
                Files.deleteIfExists(config);
            }
        }
    }

    private static List<Instant> sends(List<JavaProcess> beats) {
        List<Instant> out = new ArrayList<>();
        for (JavaProcess beat : beats) {
            Matcher m = SENT.matcher(beat.log());
            while (m.find()) {
                out.add(Instant.parse(m.group(2)));
            }
        }
        return out;
    }
}
