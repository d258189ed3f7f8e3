package io.celeriac.bench.fleet;

import io.celeriac.core.broker.redis.RedisUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;

/**
 * Reads Redis's own counters with one {@code INFO all} per reading, on a connection of its own:
 * commands processed (a script's inner commands included: Redis counts each), CPU seconds (user +
 * system), calls per command and connected clients. The bench's own readings are the only commands
 * it sends during a window, and {@link Window} takes them out.
 */
final class RedisCounters implements AutoCloseable {
    private final Jedis jedis;
    private long readings;

    RedisCounters(RedisUrl url) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().database(url.database())
                .ssl(url.tls()).clientName("celeriac-bench-counters").socketTimeoutMillis(10_000)
                .protocol(RedisProtocol.RESP2);
        if (url.password() != null) {
            config.password(url.password());
        }
        if (url.username() != null) {
            config.user(url.username());
        }
        this.jedis = new Jedis(new HostAndPort(url.host(), url.port()), config.build());
    }

    /** One reading of every counter. */
    Reading read() {
        String info = jedis.info("all");
        readings++;
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Long> calls = new LinkedHashMap<>();
        Map<String, Long> usec = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.startsWith("#")) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1);
            if (key.startsWith("cmdstat_")) {
                // cmdstat_get:calls=12,usec=40,usec_per_call=3.33,...
                String[] parts = value.split(",");
                String command = key.substring("cmdstat_".length());
                calls.put(command, Long.parseLong(parts[0].substring("calls=".length())));
                usec.put(command, Long.parseLong(parts[1].substring("usec=".length())));
            } else {
                fields.put(key, value);
            }
        }
        return new Reading(System.nanoTime(), readings, Long.parseLong(fields.get("total_commands_processed")),
                Double.parseDouble(fields.get("used_cpu_user")) + Double.parseDouble(fields.get("used_cpu_sys")),
                Long.parseLong(fields.get("connected_clients")), calls, usec);
    }

    /**
     * What Redis said at one moment.
     *
     * @param readings how many readings this counter had made, this one included
     * @param calls    calls per command since the server started (a script's inner ones included)
     * @param usec     microseconds Redis spent in each command (a script's inner ones also in its EVALSHA's)
     */
    record Reading(long nanos, long readings, long commands, double cpuSeconds, long clients,
                   Map<String, Long> calls, Map<String, Long> usec) {
    }

    /** From one reading to a later one, without the bench's own INFO calls. */
    record Window(Reading from, Reading to) {
        double seconds() {
            return (to.nanos() - from.nanos()) / 1e9;
        }

        /** Commands others sent: an INFO is counted once it has run, so {@code from}'s own is in the delta. */
        long commands() {
            return to.commands() - from.commands() - (to.readings() - from.readings());
        }

        double commandsPerSecond() {
            return commands() / seconds();
        }

        double cpuMillisPerSecond() {
            return (to.cpuSeconds() - from.cpuSeconds()) * 1000 / seconds();
        }

        /** Calls per second of each command (the bench's INFO taken out), busiest first. */
        Map<String, Double> perCommand() {
            Map<String, Double> rates = new LinkedHashMap<>();
            to.calls().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - from.calls().getOrDefault(e.getKey(), 0L)
                            - ("info".equals(e.getKey()) ? to.readings() - from.readings() : 0)))
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> rates.put(e.getKey(), e.getValue() / seconds()));
            return rates;
        }

        /** Microseconds Redis spent per command over the window (EVALSHA includes its inner commands). */
        Map<String, Long> usecPerCommand() {
            Map<String, Long> spent = new LinkedHashMap<>();
            to.usec().entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - from.usec().getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0 && !"info".equals(e.getKey()))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> spent.put(e.getKey(), e.getValue()));
            return spent;
        }
    }

    /** The server's version, from INFO server. */
    String serverVersion() {
        for (String line : jedis.info("server").split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length());
            }
        }
        return "unknown";
    }

    @Override
    public void close() {
        jedis.close();
    }
}
