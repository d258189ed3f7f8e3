package io.celeriac.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.app.Application;
import io.celeriac.core.cli.ConnectionOptions;
import io.celeriac.core.cli.ExitCodes;
import io.celeriac.core.cli.ProcessSetup;
import io.celeriac.core.health.BrokerCheck;
import io.celeriac.core.metrics.Observability;
import io.celeriac.core.config.AppConfig;
import io.celeriac.dashboard.auth.ProxyAuth;
import io.celeriac.dashboard.auth.Users;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code celeriac dashboard}: the fleet's web page, read from Redis, with operator actions. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the web dashboard: queues, workers, delayed tasks, dead letters, tasks by id, an audit log; "
                + "purge, requeue, run now, revoke for operators. Refuses a non-loopback --bind without users.")
public final class DashboardCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DashboardCommand.class);
    /** Pages read one thing at a time per request; a few connections serve a handful of operators. */
    private static final int POOL_SIZE = 8;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:CELERIAC_DASHBOARD_BIND:-127.0.0.1}",
            description = "Listen on this address. Anything but loopback needs users. Env: CELERIAC_DASHBOARD_BIND. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:CELERIAC_DASHBOARD_PORT:-5555}",
            description = "Env: CELERIAC_DASHBOARD_PORT. Default: ${DEFAULT-VALUE} (Flower's).")
    int port;

    @Option(names = "--users", paramLabel = "SPEC", defaultValue = "${env:CELERIAC_DASHBOARD_USERS}",
            description = "name:role:bcrypt-hash entries separated by commas; role is viewer or operator; else the config's dashboard.users. "
                    + "Env: CELERIAC_DASHBOARD_USERS (preferred: keeps hashes out of ps).")
    String users;

    @Option(names = "--proxy-user-header", paramLabel = "HEADER", defaultValue = "${env:CELERIAC_DASHBOARD_PROXY_USER_HEADER}",
            description = "Behind an SSO proxy: the header naming the user (e.g. X-Forwarded-User), believed only from --proxy-trusted.")
    String proxyHeader;

    @Option(names = "--proxy-trusted", paramLabel = "ADDRESSES", defaultValue = "${env:CELERIAC_DASHBOARD_PROXY_TRUSTED}",
            description = "The proxy's addresses (comma-separated) as the dashboard sees them.")
    String proxyTrusted;

    @Option(names = "--proxy-operators", paramLabel = "USERS", defaultValue = "${env:CELERIAC_DASHBOARD_PROXY_OPERATORS}",
            description = "Users the proxy names who may act (comma-separated); the others are viewers.")
    String proxyOperators;

    @Option(names = "--redact", defaultValue = "${env:CELERIAC_DASHBOARD_REDACT:-false}",
            description = "Hide task arguments, headers, results and tracebacks everywhere. Env: CELERIAC_DASHBOARD_REDACT.")
    boolean redact;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:CELERIAC_HTTP_PORT:-0}",
            description = "Serve /metrics, /healthz and /readyz (Redis answers) on this port, as every Celeriac process does "
                    + "(0 = off). Env: CELERIAC_HTTP_PORT. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = {"-l", "--loglevel"}, paramLabel = "LEVEL", defaultValue = "${env:CELERIAC_LOGLEVEL:-INFO}",
            description = "DEBUG, INFO, WARNING, ERROR. Env: CELERIAC_LOGLEVEL. Default: ${DEFAULT-VALUE}.")
    String loglevel;

    @Override
    public Integer call() throws InterruptedException {
        // checked before anything connects: a dashboard open to the network without a login never starts
        AppConfig config = connection.loadConfig();
        DashboardSettings settings = settings(config.section("dashboard"));
        ProcessSetup process = ProcessSetup.begin("dashboard", loglevel, httpPort);
        CountDownLatch stop = process.stopOnSignal(Duration.ofSeconds(10));
        try (Application app = connection.connect(config, POOL_SIZE);
             Observability observability = process.observability().readiness(new BrokerCheck(app.broker()));
             DashboardServer server = new DashboardServer(new Fleet(app), settings)) {
            // the same probe port as the other processes, so containers and kubelets check it the same way
            process.serve(observability);
            int bound = server.start();
            log.atInfo().addKeyValue("url", "http://" + bind + ":" + bound + "/").addKeyValue("auth", settings.authenticated())
                    .addKeyValue("redact", redact).log("dashboard ready");
            ProcessSetup.await(stop);
        }
        return ExitCodes.OK;
    }

    /**
     * The options win; else the config's {@code dashboard:} section: {@code users} (a list of
     * {@code name:role:bcrypt-hash}, or one comma-separated string) and {@code redact}.
     */
    DashboardSettings settings(JsonNode section) {
        String spec = users;
        if ((spec == null || spec.isBlank()) && section.has("users")) {
            JsonNode listed = section.get("users");
            List<String> entries = new ArrayList<>();
            if (listed.isArray()) {
                listed.forEach(u -> entries.add(u.asText()));
            } else {
                entries.add(listed.asText());
            }
            spec = String.join(",", entries);
        }
        return new DashboardSettings(bind, port, redact || section.path("redact").asBoolean(false), Users.parse(spec),
                ProxyAuth.parse(proxyHeader, proxyTrusted, proxyOperators));
    }
}
