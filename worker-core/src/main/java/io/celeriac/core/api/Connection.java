package io.celeriac.core.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.Celeriac;
import io.celeriac.CeleriacWorker;
import io.celeriac.core.app.Application;
import io.celeriac.core.broker.BrokerClock;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.config.AppConfig;
import io.celeriac.core.config.CeleryTaskConfig;
import io.celeriac.core.routing.QueueNames;
import io.celeriac.core.routing.Route;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Builds the engine behind a public client or worker from its builder's settings. */
public final class Connection {
    private Connection() {
    }

    /** What the public builders collect; validated when they build. */
    public static final class Settings {
        final String brokerUrl;
        public String defaultQueue = "celery";
        public String keyPrefix = "celeriac:";
        public String celeryKeyPrefix = "";
        public Duration resultExpires = Duration.ofDays(1);
        /** Celery's {@code task_send_sent_event}: announce each task sent with a task-sent event. */
        public boolean sendSentEvent;
        public Clock clock;
        public RandomGenerator random;
        final List<Route> routes = new ArrayList<>();

        public Settings(String brokerUrl) {
            this.brokerUrl = brokerUrl;
        }

        public void route(String pattern, String queue) {
            routes.add(new Route(pattern, QueueNames.validate(queue)));
        }

        AppConfig config() {
            QueueNames.validate(defaultQueue);
            return new AppConfig(brokerUrl, defaultQueue, List.of(defaultQueue), List.copyOf(routes), resultExpires, false,
                    keyPrefix, celeryKeyPrefix, JsonNodeFactory.instance.objectNode()
                            .put(CeleryTaskConfig.TASK_SEND_SENT_EVENT, sendSentEvent));
        }
    }

    public static Celeriac client(Settings settings) {
        return new DefaultCeleriac(application(settings, 8), true);
    }

    public static CeleriacWorker worker(Settings settings, WorkerSetup setup) {
        return DefaultWorker.start(settings, setup);
    }

    /**
     * The engine for these settings. Unless a clock was given, it reads the fleet's one clock
     * (this host's, corrected to the broker's) so countdowns and leases agree across hosts.
     */
    static Application application(Settings settings, int poolSize) {
        RedisUrl url = RedisUrl.parse(settings.brokerUrl);
        AppConfig config = settings.config();
        RandomGenerator random = settings.random != null ? settings.random : new SplittableRandom();
        if (settings.clock != null) {
            return new Application(config, url, null, poolSize, settings.clock, random);
        }
        BrokerClock clock = new BrokerClock(Clock.systemUTC());
        Application app = new Application(config, url, null, poolSize, clock, random);
        clock.bind(app.broker()::time);
        return app;
    }
}
