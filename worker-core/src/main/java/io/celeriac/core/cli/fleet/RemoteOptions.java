package io.celeriac.core.cli.fleet;

import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.config.Durations;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every remote-control command takes: where Redis is, which workers, how long to wait, JSON or text. */
public final class RemoteOptions {
    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-d", "--destination"}, split = ",", paramLabel = "NODE",
            description = "Only these workers (node names, comma-separated). Default: every worker.")
    List<String> destination;

    @Option(names = {"-t", "--timeout"}, paramLabel = "DURATION", defaultValue = "1s",
            description = "How long to wait for replies (Celery's default is 1 s). Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = {"-j", "--json"}, description = "Print the replies as one JSON object {node: reply}.")
    boolean json;

    Application connect() {
        return connection.connect(4);
    }

    Duration timeout() {
        Duration parsed = Durations.parse(timeout);
        if (parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException("--timeout must be positive, got " + timeout);
        }
        return parsed;
    }
}
