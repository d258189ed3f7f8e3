package io.celeriac.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Celeriac's settings in a Spring Boot application ({@code celeriac.*}):
 *
 * <pre>
 * celeriac:
 *   broker-url: redis://localhost:6379/0
 *   routes:
 *     - pattern: "reports.*"
 *       queue: reports
 *   worker:
 *     queues: [celery, reports]
 *     concurrency: 4
 * </pre>
 */
@ConfigurationProperties("celeriac")
public class CeleriacProperties {
    /** The Redis broker and result backend: {@code redis://[user:password@]host:port/db} or {@code rediss://...}. */
    private String brokerUrl = "redis://localhost:6379/0";
    /** Where tasks no route matches go. */
    private String defaultQueue = "celery";
    /** Task name patterns (globs) and the queue each goes to, unless a sender names one. */
    private List<Route> routes = new ArrayList<>();
    /** The prefix of Celeriac's own keys. */
    private String keyPrefix = "celeriac:";
    /** kombu's global_keyprefix, as the Python side of the fleet sets it (none by default). */
    private String kombuKeyPrefix = "";
    /** How long results are kept. */
    private Duration resultExpires = Duration.ofDays(1);
    /** Run tasks in-process instead of through Redis (tests): needs io.celeriac:celeriac-test. */
    private boolean eager;
    private final Worker worker = new Worker();

    /** One route: tasks whose name matches {@code pattern} go to {@code queue}. */
    public static class Route {
        private String pattern;
        private String queue;

        public String getPattern() {
            return pattern;
        }

        public void setPattern(String pattern) {
            this.pattern = pattern;
        }

        public String getQueue() {
            return queue;
        }

        public void setQueue(String queue) {
            this.queue = queue;
        }
    }

    /** The embedded worker, started when the application has {@code @CeleriacTask} beans. */
    public static class Worker {
        /** Start a worker for the application's task beans. */
        private boolean enabled = true;
        /** The queues it consumes. */
        private List<String> queues = new ArrayList<>(List.of("celery"));
        /** Tasks run at once. */
        private int concurrency = Runtime.getRuntime().availableProcessors();
        /** Messages held per concurrency slot, running included (Celery's prefetch multiplier). */
        private int prefetchMultiplier = 1;
        /** Its node name, unique among live workers ({@code %h} is the host); {@code celeriac-<pid>@<host>} when unset. */
        private String name;
        /** How long running tasks may finish when the application stops. */
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        /** How long it may be silent before other workers take it for dead and requeue its tasks. */
        private Duration leaseTimeout = Duration.ofSeconds(30);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getQueues() {
            return queues;
        }

        public void setQueues(List<String> queues) {
            this.queues = queues;
        }

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public int getPrefetchMultiplier() {
            return prefetchMultiplier;
        }

        public void setPrefetchMultiplier(int prefetchMultiplier) {
            this.prefetchMultiplier = prefetchMultiplier;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Duration getLeaseTimeout() {
            return leaseTimeout;
        }

        public void setLeaseTimeout(Duration leaseTimeout) {
            this.leaseTimeout = leaseTimeout;
        }
    }

    public String getBrokerUrl() {
        return brokerUrl;
    }

    public void setBrokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    public String getDefaultQueue() {
        return defaultQueue;
    }

    public void setDefaultQueue(String defaultQueue) {
        this.defaultQueue = defaultQueue;
    }

    public List<Route> getRoutes() {
        return routes;
    }

    public void setRoutes(List<Route> routes) {
        this.routes = routes;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String getKombuKeyPrefix() {
        return kombuKeyPrefix;
    }

    public void setKombuKeyPrefix(String kombuKeyPrefix) {
        this.kombuKeyPrefix = kombuKeyPrefix;
    }

    public Duration getResultExpires() {
        return resultExpires;
    }

    public void setResultExpires(Duration resultExpires) {
        this.resultExpires = resultExpires;
    }

    public boolean isEager() {
        return eager;
    }

    public void setEager(boolean eager) {
        this.eager = eager;
    }

    public Worker getWorker() {
        return worker;
    }
}
