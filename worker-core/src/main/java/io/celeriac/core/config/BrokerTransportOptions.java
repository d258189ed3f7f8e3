package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The broker settings Celery users write in {@code broker_transport_options}, as kombu reads them
 * for a {@code sentinel://} URL, and Celeriac's {@code durable_writes}:
 * <pre>
 * broker_transport_options:
 *   master_name: mymaster          # the name the sentinels monitor the master under
 *   sentinel_kwargs:               # what logs in to the sentinels (the URL's password is the master's)
 *     password: sentinel-secret
 * durable_writes: true             # enqueue, ack and result writes wait for a replica (WAIT 1)
 * durable_writes_timeout: 1s
 * </pre>
 * Other transport options Celery knows ({@code visibility_timeout}...) are accepted and ignored:
 * one file serves both.
 *
 * @param masterName       null when the file names none
 * @param sentinelUsername null when none
 * @param sentinelPassword null when none
 */
public record BrokerTransportOptions(String masterName, String sentinelUsername, String sentinelPassword,
                                     boolean durableWrites, Duration durableWritesTimeout) {
    public static final String SECTION = "broker_transport_options";
    public static final String DURABLE_WRITES = "durable_writes";
    public static final String DURABLE_WRITES_TIMEOUT = "durable_writes_timeout";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public static BrokerTransportOptions from(AppConfig config) {
        JsonNode section = config.section(SECTION);
        ConfigValues options = new ConfigValues(section, SECTION);
        ConfigValues sentinel = new ConfigValues(section.path("sentinel_kwargs"), SECTION + ".sentinel_kwargs");
        ConfigValues top = new ConfigValues(config.raw() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : config.raw());
        Duration timeout = top.duration(DURABLE_WRITES_TIMEOUT, DEFAULT_TIMEOUT, Duration.ofMinutes(1));
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(DURABLE_WRITES_TIMEOUT + " must be above zero (WAIT 0 would wait for ever)");
        }
        return new BrokerTransportOptions(options.text("master_name", null), sentinel.text("username", null),
                sentinel.text("password", null), top.bool(DURABLE_WRITES, false), timeout);
    }

    @Override
    public String toString() {
        // a record's own toString would print the password
        return "BrokerTransportOptions[masterName=" + masterName + ", durableWrites=" + durableWrites + "]";
    }
}
