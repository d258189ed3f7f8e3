package io.celeriac.bench;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.internal.Json;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code celeriac bench unique}: unique sends at a high rate, half of them duplicates; counts executions. */
@Command(name = "unique", mixinStandardHelpOptions = true,
        description = "Send unique tasks (until executed, by key) at up to --rate sends/s, every key twice from two threads, "
                + "while a worker in this process runs them; report sends/s and duplicate executions (private queue and keys; "
                + "safe beside a live system).")
public final class UniqueBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--sends", defaultValue = "100000", description = "Sends in all, half of them duplicates. Default: ${DEFAULT-VALUE}")
    int sends;

    @Option(names = "--rate", defaultValue = "10000", description = "Target sends per second (0: as fast as the threads go). Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--threads", defaultValue = "48", description = "Sender threads (at least 2). Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "8", description = "The worker's concurrency. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (sends < 2 || rate < 0 || threads < 2 || concurrency < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--sends must be at least 2, --threads at least 2, --concurrency positive, --rate not negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> report;
        try (Application app = connection.connect(threads + 8)) {
            report = new UniqueBench(app, sends, threads, rate, concurrency).run();
        }
        if (json) {
            out.println(Json.mapper().writeValueAsString(report));
        } else {
            out.println("unique sends (until executed, by key; every key sent twice)");
            report.forEach((k, v) -> out.printf("  %-24s %s%n", k, v));
        }
        out.flush();
        return ((Number) report.get("duplicate_executions")).longValue() == 0 ? ExitCodes.OK : 1;
    }
}
