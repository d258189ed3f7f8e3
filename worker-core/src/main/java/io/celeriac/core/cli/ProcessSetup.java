package io.celeriac.core.cli;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.component.Settings;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.metrics.Observability;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What every long-running command ({@code worker}, {@code beat}, {@code dev}) sets up the same way:
 * <ol>
 *   <li>{@link #begin}: the log level from {@code --loglevel} and {@code --http-port} checked, before
 *       anything connects (a bad value is one line and exit 2);</li>
 *   <li>{@link #connect}: the application on the fleet's one clock (this host's, corrected to
 *       Redis's {@code TIME});</li>
 *   <li>{@link #onStop} / {@link #stopOnSignal}: SIGTERM and SIGINT ask for a warm stop, a second
 *       signal exits at once, as Celery's second Ctrl-C does ({@link StopSignals});</li>
 *   <li>{@link #serve}: {@code /metrics}, {@code /healthz} and {@code /readyz} on the port (0 = off).</li>
 * </ol>
 */
public final class ProcessSetup {
    private final String name;
    private final int httpPort;

    private ProcessSetup(String name, int httpPort) {
        this.name = name;
        this.httpPort = httpPort;
    }

    /** @param name the process kind, as metrics tag it ({@code worker}, {@code beat}, {@code dev}) */
    public static ProcessSetup begin(String name, String loglevel, int httpPort) {
        if (httpPort < 0 || httpPort > 65_535) {
            throw new IllegalArgumentException("--http-port must be between 0 and 65535 (0 = off), got " + httpPort);
        }
        Logging.setLevel(loglevel);
        return new ProcessSetup(name, httpPort);
    }

    /** Connects where the options say, on the broker's clock. */
    public Application connect(ConnectionOptions connection, AppConfig config, int poolSize) {
        return connection.connect(config, poolSize);
    }

    /** Connects to {@code brokerUrl} with {@code settings} (dev's embedded servers), on the broker's clock. */
    public Application connect(ConnectionOptions connection, AppConfig config, RedisUrl brokerUrl, Settings settings,
                               int poolSize) {
        return connection.connect(config, brokerUrl, settings, poolSize);
    }

    /** The process's metrics and health, to fill with checks and then {@link #serve}. */
    public Observability observability() {
        return new Observability(name);
    }

    /** Serves metrics and health on {@code --http-port}; returns the port, or -1 when off. */
    public int serve(Observability observability) {
        return observability.serve(httpPort);
    }

    /**
     * On the first SIGTERM or SIGINT calls {@code stop} with the signal's name; a second exits at
     * once, and so does a stop still running after {@code maxStop}.
     */
    public void onStop(Consumer<String> stop, Duration maxStop) {
        StopSignals.install(stop, maxStop);
    }

    /** For commands that wait for a signal: released by the first one (see {@link #onStop}). */
    public CountDownLatch stopOnSignal(Duration maxStop) {
        CountDownLatch stop = new CountDownLatch(1);
        onStop(signal -> stop.countDown(), maxStop);
        return stop;
    }

    /** Waits until {@code stop} is released, however long that takes. */
    public static void await(CountDownLatch stop) throws InterruptedException {
        while (!stop.await(60, TimeUnit.SECONDS)) {
            // running until a stop signal
        }
    }
}
