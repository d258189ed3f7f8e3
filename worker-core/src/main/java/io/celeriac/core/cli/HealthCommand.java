package io.celeriac.core.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code celeriac health}: asks a local worker or beat whether it is ready (or live); for container health checks. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check a running worker or beat through its --http-port: exit 0 when healthy, 1 when not.")
public final class HealthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--http-port", required = true, defaultValue = "${env:CELERIAC_HTTP_PORT}",
            description = "The process's --http-port. Env: CELERIAC_HTTP_PORT.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--live", description = "Check liveness (/healthz) instead of readiness (/readyz).")
    boolean live;

    @Override
    public Integer call() throws InterruptedException {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("--http-port must be between 1 and 65535, got " + port);
        }
        URI uri = URI.create("http://" + host + ":" + port + (live ? "/healthz" : "/readyz"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            spec.commandLine().getOut().println(response.body());
            return response.statusCode() == 200 ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("celeriac: no answer from " + uri + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }
}
