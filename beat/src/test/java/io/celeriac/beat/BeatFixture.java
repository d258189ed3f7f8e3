package io.celeriac.beat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.beat.redis.BeatLease;
import io.celeriac.beat.redis.BeatStore;
import io.celeriac.core.app.Application;
import io.celeriac.core.client.AsyncResult;
import io.celeriac.core.client.SendOptions;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.internal.Json;
import io.celeriac.core.testing.ManualClock;
import io.celeriac.core.testing.TestApp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One test's beat world: an isolated application on the test Redis with a manual clock, its beat
 * store, and a sender that records every message (then really sends it). Closing deletes the
 * test's keys (by its random prefix) and disconnects.
 */
final class BeatFixture implements AutoCloseable {
    /** A 5 s lease renewed every second: the simulations' steps are in whole seconds. */
    static final BeatSettings SETTINGS = new BeatSettings(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30),
            java.time.Duration.ofSeconds(1), java.time.Duration.ofHours(1));
    private static final ObjectMapper JSON = Json.mapper();

    /** One message the beat sent. */
    record Sent(String task, Instant at, SendOptions options) {
    }

    final ManualClock clock;
    final Application app;
    final BeatStore store;
    private final List<Sent> sent = new ArrayList<>();

    BeatFixture(Instant start, String extraYaml) {
        this.clock = new ManualClock(start);
        this.app = TestApp.create(clock, extraYaml);
        this.store = BeatStore.of(app);
    }

    BeatFixture(Instant start) {
        this(start, null);
    }

    /** A beat replica holding {@code token}, sending through the recorder. */
    Beat replica(String token) {
        BeatLease lease = new BeatLease(app.redis(), store.keys(), token, SETTINGS.leaseTimeout());
        TaskSender recorder = (task, args, kwargs, options) -> record(task, args, kwargs, options);
        return replica(token, recorder);
    }

    /** A beat replica holding {@code token}, sending through {@code sender}. */
    Beat replica(String token, TaskSender sender) {
        BeatLease lease = new BeatLease(app.redis(), store.keys(), token, SETTINGS.leaseTimeout());
        EntryFirer firer = new EntryFirer(store, sender, app.random(), SETTINGS, token);
        return new Beat(store, lease, firer, new BeatTime.Given(clock), SETTINGS);
    }

    /** The recording sender, for wrapping. */
    TaskSender recorder() {
        return (task, args, kwargs, options) -> record(task, args, kwargs, options);
    }

    private AsyncResult record(String task, List<?> args, Map<String, ?> kwargs, SendOptions options) {
        synchronized (sent) {
            sent.add(new Sent(task, clock.instant(), options));
        }
        return app.client().send(task, args, kwargs, options);
    }

    BeatEntry entry(String name, String json) {
        try {
            return EntryJson.parse(name, JSON.readTree(json.replace('\'', '"')));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Adds a dynamic entry as {@code beat add} would, at the clock's time. */
    BeatEntry add(String name, String json) {
        BeatEntry entry = entry(name, json);
        store.upsert(entry, clock.instant(), BeatStore.Source.DYNAMIC);
        return entry;
    }

    List<Sent> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    List<Instant> sentTimes(String task) {
        return sent().stream().filter(s -> s.task().equals(task)).map(Sent::at).toList();
    }

    /** Messages waiting in {@code queue} (all priority buckets). */
    int queued(String queue) {
        return app.keys().queueLists(queue).stream().mapToInt(list -> app.redis().getList(list).size()).sum();
    }

    @Override
    public void close() {
        app.redis().getKeys().deleteByPattern(app.config().celeryKeyPrefix() + "*");
        app.close();
    }
}
