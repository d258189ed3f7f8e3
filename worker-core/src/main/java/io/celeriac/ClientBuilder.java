package io.celeriac;

import io.celeriac.core.api.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Options of a {@link Celeriac} client; {@link #build()} connects. */
public final class ClientBuilder {
    final Connection.Settings settings;

    ClientBuilder(String brokerUrl) {
        this.settings = new Connection.Settings(brokerUrl);
    }

    /** Tasks whose name matches {@code pattern} (a glob: {@code reports.*}) go to {@code queue} unless a sender names one. */
    public ClientBuilder route(String pattern, String queue) {
        settings.route(pattern, queue);
        return this;
    }

    /** Where tasks no route matches go; {@code celery} by default, as in Celery. */
    public ClientBuilder defaultQueue(String queue) {
        settings.defaultQueue = queue;
        return this;
    }

    /** The prefix of Celeriac's own keys ({@code celeriac:}) and kombu's {@code global_keyprefix} (none). */
    public ClientBuilder keyPrefixes(String celeriac, String kombu) {
        settings.keyPrefix = celeriac;
        settings.celeryKeyPrefix = kombu;
        return this;
    }

    /** How long workers keep results of the tasks this client sends, when they store them; 1 day by default, as Celery. */
    public ClientBuilder resultExpires(Duration expires) {
        settings.resultExpires = expires;
        return this;
    }

    /**
     * Announce every task this client sends with Celery's {@code task-sent} event (for Flower and
     * {@code celery events}), as Celery's {@code task_send_sent_event}; off by default, as in Celery.
     */
    public ClientBuilder sendSentEvents(boolean send) {
        settings.sendSentEvent = send;
        return this;
    }

    /** The clock countdowns and ETAs are computed on (corrected to the broker's by default). */
    public ClientBuilder clock(Clock clock) {
        settings.clock = clock;
        return this;
    }

    public ClientBuilder random(RandomGenerator random) {
        settings.random = random;
        return this;
    }

    public Celeriac build() {
        return Connection.client(settings);
    }
}
