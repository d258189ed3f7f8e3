package io.celeriac.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.cli.Main;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code celeriac bench cluster}, small: a 1-master and a 2-master cluster of its own, one drain
 * each by real worker processes; it prints the table with figures that add up, and leaves no
 * redis-server, worker or temporary directory behind. No timing is asserted.
 */
class ClusterBenchIT {

    @Test
    void drains_on_one_and_two_masters_and_prints_the_table() throws Exception {
        Set<String> dirsBefore = benchDirs();
        Set<Long> childrenBefore = children();

        Run text = run("bench", "cluster", "--shards=1,2", "--tasks=600", "--runs=1", "--workers=2", "-c", "4");

        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("Redis Cluster drain: 600 no-op tasks over 6 queues, 2 worker processes (c=4)"), text.out());
        List<String> rows = text.out().lines().filter(line -> line.matches("\\s+[12] .*\\d.*")).toList();
        // two table rows and two key-spread rows
        assertEquals(4, rows.size(), text.out());
        assertTrue(rows.get(1).contains("/"), "a 2-master row shows each master's share: " + text.out());
        assertTrue(text.out().contains("estimate, each master on a machine of its own"), text.out());
        Set<String> dirsLeft = benchDirs();
        dirsLeft.removeAll(dirsBefore);
        assertEquals(Set.of(), dirsLeft, "temporary directories left");
        // only new ones count: a process another test started may have ended meanwhile
        Set<Long> childrenLeft = children();
        childrenLeft.removeAll(childrenBefore);
        assertEquals(Set.of(), childrenLeft, "processes left running");
    }

    @Test
    void json_figures_add_up() throws Exception {
        Run json = run("bench", "cluster", "--json", "--shards=2", "--tasks=600", "--runs=1", "--workers=1", "--queues=4");

        assertEquals(0, json.exit(), json.err());
        JsonNode row = Json.mapper().readTree(json.out()).path("rows").path(0);
        assertEquals(2, row.path("shards").asInt(), row.toString());
        assertTrue(row.path("per_s").asDouble() > 0, row.toString());
        assertTrue(row.path("steady_per_s").asDouble() >= row.path("per_s").asDouble(), row.toString());
        double total = row.path("redis_cpu_us_per_task").asDouble();
        assertTrue(total > 0 && total < 100_000, "Redis CPU per task " + total);
        double sum = 0;
        for (JsonNode shard : row.path("shard_cpu_us_per_task")) {
            sum += shard.asDouble();
        }
        assertEquals(total, sum, 0.5, row.toString());
        assertTrue(row.path("busiest_shard_cpu_us_per_task").asDouble() <= total + 0.1, row.toString());
        assertEquals("[2,2]", row.path("queues_per_shard").toString(), "queue names chosen to spread evenly: " + row);
        assertEquals("[300,300]", row.path("messages_per_shard").toString(), row.toString());
        assertEquals(600, row.path("results_per_shard").path(0).asLong() + row.path("results_per_shard").path(1).asLong(), row.toString());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Set<String> benchDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("celeriac-bench-cluster-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    /** This JVM's child processes still running (the bench's redis-servers and workers must be gone). */
    private static Set<Long> children() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toCollection(HashSet::new));
    }
}
