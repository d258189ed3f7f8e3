package io.celeriac.beat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.PrivateRedisServer;
import io.celeriac.core.testing.SentinelTopology;
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
import org.junit.jupiter.api.condition.EnabledIf;
import redis.clients.jedis.Jedis;

/**
 * Two {@code celeriac beat} replicas on a {@code sentinel://} URL with durable writes, an
 * every-second entry, and the Redis master killed with SIGKILL: the beats find the promoted
 * replica by themselves and go on, every occurrence from the first to the last sent once (read
 * from the replicas' logs) and in the queue on the new master.
 */
@EnabledIf("io.celeriac.core.testing.PrivateRedisServer#available")
class SentinelBeatIT {
    private static final Pattern SENT = Pattern.compile("sent (?:periodic task|a missed occurrence).* entry=tick .*task_id=(\\S+) due=(\\S+) late_ms=(-?\\d+)");

    @Test
    void beats_follow_a_failover_and_fire_every_occurrence_once() throws Exception {
        try (SentinelTopology topology = SentinelTopology.start(null, null, 2)) {
            String yaml = "broker_transport_options:\n  master_name: " + SentinelTopology.MASTER_NAME + "\n"
                    + "durable_writes: true\nbeat:\n  entries:\n    tick: {task: x.tick, every: 1s, misfire: catch-up}\n";
            Path config = Files.createTempFile("celeriac-sentinel-beat", ".yaml");
            Files.writeString(config, yaml);
            List<JavaProcess> beats = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    beats.add(JavaProcess.celeriac("beat", "--config=" + config, "--broker-url=" + topology.url()));
                }
                Eventually.await("three sends", Duration.ofSeconds(60), () -> sends(beats).size() >= 3);
                topology.killMaster();
                int atPromotion = sends(beats).size();
                Eventually.await("five sends after the failover", Duration.ofSeconds(30),
                        () -> sends(beats).size() >= atPromotion + 5);
                for (JavaProcess beat : beats) {
                    assertEquals(0, beat.terminate(Duration.ofSeconds(20)), beat.log());
                }
                TreeMap<Instant, Integer> perOccurrence = new TreeMap<>();
                sends(beats).forEach(due -> perOccurrence.merge(due, 1, Integer::sum));
                perOccurrence.forEach((due, n) -> assertEquals(1, n, "occurrence " + due + " sent " + n + " times"));
                Instant first = perOccurrence.firstKey();
                Instant last = perOccurrence.lastKey();
                assertEquals(Duration.between(first, last).toSeconds() + 1, perOccurrence.size(),
                        "every second from " + first + " to " + last + " sent: " + perOccurrence.keySet());
                try (Jedis master = topology.currentMaster()) {
                    assertEquals(perOccurrence.size(), master.llen("celery"), "each send is one message on the new master");
                }
                System.out.println("beat across a sentinel failover: " + perOccurrence.size() + " occurrences, each sent once");
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

    static boolean available() {
        return PrivateRedisServer.available();
    }
}
