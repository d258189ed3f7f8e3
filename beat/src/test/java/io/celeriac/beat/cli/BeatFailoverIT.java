package io.celeriac.beat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.beat.BeatSettings;
import io.celeriac.beat.redis.BeatKeys;
import io.celeriac.beat.redis.BeatLease;
import io.celeriac.core.app.Application;
import io.celeriac.core.config.AppConfigLoader;
import io.celeriac.core.testing.Eventually;
import io.celeriac.core.testing.JavaProcess;
import io.celeriac.core.testing.TestApp;
import io.celeriac.core.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three real {@code celeriac beat} processes, two of them with host clocks 30 s off (one ahead, one
 * behind), and an every-second entry. The leader is killed -9, twice: each time a standby takes
 * over within 2 s of the death, and every occurrence from the first to the last is sent exactly
 * once (read from the replicas' own logs and counted in the queue), none before its time.
 */
class BeatFailoverIT {
    private static final Logger log = LoggerFactory.getLogger(BeatFailoverIT.class);
    private static final Pattern SENT = Pattern.compile("sent (?:periodic task|a missed occurrence).* entry=tick .*task_id=(\\S+) due=(\\S+) late_ms=(-?\\d+)");

    @Test
    void a_standby_takes_over_within_two_seconds_of_a_kill_and_every_occurrence_goes_out_once() throws Exception {
        String prefix = TestApp.randomPrefix();
        String yaml = "key_prefix: \"" + prefix + "celeriac:\"\ncelery_key_prefix: \"" + prefix + "\"\n"
                + "beat:\n  entries:\n    tick: {task: x.tick, every: 1s, misfire: catch-up}\n";
        Path config = Files.createTempFile("celeriac-beat-failover", ".yaml");
        Files.writeString(config, yaml);
        var url = TestRedis.url();
        String broker = "--broker-url=redis://" + url.host() + ":" + url.port() + "/" + url.database();
        List<JavaProcess> beats = new ArrayList<>();
        try (Application app = new Application(AppConfigLoader.fromYaml(yaml), url, null, 4, Clock.systemUTC(), new SplittableRandom(3))) {
            BeatKeys keys = new BeatKeys(app.keys());
            for (String offset : List.of("0", "30000", "-30000")) {
                beats.add(JavaProcess.celeriac(Map.of("CELERIAC_TEST_CLOCK_OFFSET_MS", offset), "beat", "--config=" + config, broker));
            }
            try {
                List<Duration> takeovers = new ArrayList<>();
                for (int kill = 0; kill < 2; kill++) {
                    String leader = Eventually.value("a leader", Duration.ofSeconds(60), () -> owner(app, keys));
                    Eventually.await("three more sends", Duration.ofSeconds(10), () -> sends(beats).size() >= 3 * (takeovers.size() + 1));
                    JavaProcess victim = beats.stream().filter(b -> leader.startsWith("beat-" + b.pid() + "@")).findFirst().orElseThrow();
                    long killedAt = System.nanoTime();
                    victim.kill();
                    String successor = Eventually.value("a new leader", Duration.ofSeconds(10),
                            () -> { String o = owner(app, keys); return o != null && !o.equals(leader) ? o : null; });
                    takeovers.add(Duration.ofNanos(System.nanoTime() - killedAt));
                    log.atInfo().addKeyValue("from", leader).addKeyValue("to", successor)
                            .addKeyValue("takeover_ms", takeovers.getLast().toMillis()).log("beat leader killed");
                }
                int before = sends(beats).size();
                Eventually.await("sends after the second takeover", Duration.ofSeconds(10), () -> sends(beats).size() >= before + 3);
                for (Duration takeover : takeovers) {
                    assertTrue(takeover.compareTo(Duration.ofSeconds(2)) < 0, "standby took over " + takeover.toMillis() + " ms after the kill");
                }
                JavaProcess last = beats.stream().filter(JavaProcess::isAlive).findFirst().orElseThrow();
                assertEquals(0, last.terminate(Duration.ofSeconds(20)), last.log());
                beats.stream().filter(JavaProcess::isAlive).forEach(b -> assertTrue(true));
                for (JavaProcess b : beats) {
                    if (b.isAlive()) {
                        assertEquals(0, b.terminate(Duration.ofSeconds(20)), b.log());
                    }
                }
                TreeMap<Instant, Integer> perOccurrence = new TreeMap<>();
                for (Sent s : sends(beats)) {
                    perOccurrence.merge(s.due(), 1, Integer::sum);
                    assertTrue(s.lateMs() >= 0, "sent before its time: " + s);
                }
                perOccurrence.forEach((due, n) -> assertEquals(1, n, "occurrence " + due + " sent " + n + " times"));
                Instant first = perOccurrence.firstKey();
                Instant lastDue = perOccurrence.lastKey();
                assertEquals(Duration.between(first, lastDue).toSeconds() + 1, perOccurrence.size(),
                        "every second from " + first + " to " + lastDue + " sent: " + perOccurrence.keySet());
                long queued = app.keys().queueLists("celery").stream().mapToLong(l -> app.redis().getList(l).size()).sum();
                assertEquals(perOccurrence.size(), queued, "each send is one message in the queue");
                log.atInfo().addKeyValue("occurrences", perOccurrence.size()).addKeyValue("takeovers_ms",
                        takeovers.stream().map(Duration::toMillis).toList()).log("beat failover measured");
            } finally {
                for (JavaProcess b : beats) {
                    b.close();
                }
                app.redis().getKeys().deleteByPattern(prefix + "*");
                Files.deleteIfExists(config);
            }
        }
    }

    @Test
    void the_lease_costs_one_short_script_per_renewal() {
        try (Application app = TestApp.create()) {
            BeatLease lease = new BeatLease(app.redis(), new BeatKeys(app.keys()), "bench", BeatSettings.DEFAULTS.leaseTimeout());
            lease.acquireOrRenew();
            int calls = 2_000;
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                assertTrue(lease.acquireOrRenew().held());
            }
            Duration perCall = Duration.ofNanos((System.nanoTime() - start) / calls);
            long perSecond = Duration.ofSeconds(1).toNanos() / BeatSettings.DEFAULTS.heartbeat().toNanos();
            log.atInfo().addKeyValue("round_trip_us", perCall.toNanos() / 1000).addKeyValue("renewals_per_replica_per_s", perSecond)
                    .log("beat lease cost");
            assertTrue(perCall.compareTo(Duration.ofMillis(20)) < 0, "a renewal took " + perCall);
            app.redis().getKeys().deleteByPattern(app.config().celeryKeyPrefix() + "*");
        }
    }

    private record Sent(String taskId, Instant due, long lateMs) {
    }

    private static List<Sent> sends(List<JavaProcess> beats) {
        List<Sent> out = new ArrayList<>();
        for (JavaProcess b : beats) {
            Matcher m = SENT.matcher(b.log());
            while (m.find()) {
                out.add(new Sent(m.group(1), Instant.parse(m.group(2)), Long.parseLong(m.group(3))));
            }
        }
        return out;
    }

    private static String owner(Application app, BeatKeys keys) {
        return app.redis().<String, String>getMap(keys.leader()).get("owner");
    }
}
