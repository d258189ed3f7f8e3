package io.celeriac.core.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * What a worker asks before each task runs: may it run now under its limits, fleet-wide?
 *
 * <ol>
 *   <li>each limit's bucket is the limit's name, plus the key's value for a per-key limit (a
 *       message without the key, or with a key over {@link LimitKey#MAX_BYTES}, is refused);</li>
 *   <li>concurrency first: a slot is taken under this worker's lease (so giving it back is cheap
 *       if the rate then says wait); no slot: wait about a second in the delayed set;</li>
 *   <li>then the rate: a token now, a booked start within the pace (a short pause here), or a
 *       reserved token and a wait in the delayed set until it;</li>
 *   <li>after the task, {@link #release} gives its slots back; meanwhile {@link #runOnce()}
 *       renews them with the worker's lease, so a killed worker's slots lapse within it.</li>
 * </ol>
 */
public final class FlowGate {
    /** Between a limit's name and a key's value in a bucket's name (never in a limit name). */
    public static final char KEY_SEPARATOR = '\u001f';
    /** How long a task without a slot waits before it looks again (with up to a quarter more, at random). */
    static final Duration SLOT_RETRY = Duration.ofSeconds(1);

    private final FlowStore store;
    private final FlowRules rules;
    private final String worker;
    private final Clock clock;
    private final Duration lease;
    private final RandomGenerator random;
    private final Set<FlowStore.HeldSlot> held = ConcurrentHashMap.newKeySet();
    private final TokenBatches tokens;
    private volatile java.util.function.LongConsumer pause = FlowGate::sleep;
    private volatile java.util.function.BiConsumer<String, Admission.Kind> onThrottled = (task, kind) -> { };

    public FlowGate(FlowStore store, FlowRules rules, String worker, Clock clock, Duration lease, RandomGenerator random) {
        this.store = store;
        this.rules = rules;
        this.worker = worker;
        this.clock = clock;
        this.lease = lease;
        this.random = random;
        this.tokens = new TokenBatches(store, TokenAllowances.configured(), clock::millis);
    }

    public FlowRules rules() {
        return rules;
    }

    public FlowStore store() {
        return store;
    }

    /** Decides for task {@code task} (id {@code taskId}) under its definition's limit {@code own} (null for none). */
    public Admission admit(String task, FlowLimit own, String taskId, ArrayNode args, ObjectNode kwargs) {
        List<FlowLimit> limits = rules.limitsFor(task, own);
        if (limits.isEmpty()) {
            return Admission.Run.FREE;
        }
        List<String> buckets = new ArrayList<>(limits.size());
        try {
            for (FlowLimit limit : limits) {
                buckets.add(limit.key() == null ? limit.name() : limit.name() + KEY_SEPARATOR + limit.key().of(args, kwargs));
            }
        } catch (LimitKey.KeyUnusableException e) {
            return new Admission.Refuse(e.getMessage());
        }
        long now = clock.millis();
        List<FlowStore.HeldSlot> slots = new ArrayList<>();
        for (int i = 0; i < limits.size(); i++) {
            FlowLimit limit = limits.get(i);
            if (limit.concurrency() > 0) {
                FlowStore.HeldSlot slot = new FlowStore.HeldSlot(buckets.get(i), worker + "\n" + taskId);
                long freeAt = store.acquireSlot(slot.bucket(), limit.concurrency(), slot.holder(), now, now + lease.toMillis());
                if (freeAt != 0) {
                    release(new Admission.Run(slots));
                    long retry = SLOT_RETRY.toMillis() + random.nextLong(SLOT_RETRY.toMillis() / 4 + 1);
                    return throttle(task, new Admission.Wait(Instant.ofEpochMilli(now + Math.min(retry, Math.max(1, freeAt - now))),
                            limit.name(), Admission.Kind.CONCURRENCY));
                }
                slots.add(slot);
                held.add(slot);
            }
        }
        for (int i = 0; i < limits.size(); i++) {
            FlowLimit limit = limits.get(i);
            if (limit.rate() != null) {
                FlowStore.Token token = tokens.take(new FlowStore.TokenRequest(buckets.get(i), limit.rate(), taskId, now,
                        grace(limit.rate()), pace(limit.rate())));
                if (token.kind() == FlowStore.Token.Kind.WAIT) {
                    release(new Admission.Run(slots));
                    return throttle(task, new Admission.Wait(Instant.ofEpochMilli(token.atMillis()), limit.name(), Admission.Kind.RATE));
                }
                if (token.kind() == FlowStore.Token.Kind.AT) {
                    pauseUntil(token.atMillis());
                }
            }
        }
        return slots.isEmpty() ? Admission.Run.FREE : new Admission.Run(List.copyOf(slots));
    }

    /**
     * How late past its slot a reserved token is still honoured: long enough for a slow forwarder
     * and a long queue on the way back (late arrivals cannot bunch: the script spaces real starts),
     * short enough that a revoked task's reservation is soon forgotten.
     */
    static long grace(Rate rate) {
        return Math.max((long) Math.ceil(rate.intervalMillis() * 10), 30_000);
    }

    /**
     * The longest wait for a token made in place (holding the runner) rather than in the delayed
     * set: a round trip there is late by the forwarder's and the fetch's delays, and short waits
     * made there would leave the fleet behind its rate. One interval, at most 250 ms, and at least
     * 2 ms: runners read the clock before their requests reach Redis, so at a fast rate one read a
     * millisecond before another's token would otherwise be sent round the delayed set for nothing.
     */
    static long pace(Rate rate) {
        return Math.max(2, Math.min((long) Math.floor(rate.intervalMillis()), 250));
    }

    private void pauseUntil(long atMillis) {
        long millis = atMillis - clock.millis();
        if (millis > 0) {
            pause.accept(millis);
        }
    }

    /** How the gate pauses for a booked start (tests pass one that moves their manual clock). */
    void pauseWith(java.util.function.LongConsumer pauser) {
        this.pause = pauser;
    }

    /** Gives back what a run took; safe to call with any admission, more than once. */
    public void release(Admission admission) {
        if (admission instanceof Admission.Run run) {
            for (FlowStore.HeldSlot slot : run.slots()) {
                if (held.remove(slot)) {
                    store.releaseSlot(slot);
                }
            }
        }
    }

    private Admission throttle(String task, Admission.Wait wait) {
        onThrottled.accept(task, wait.kind());
        return wait;
    }

    /** Told of each task held back (the metrics' counter), on the runner's thread. */
    public void onThrottled(java.util.function.BiConsumer<String, Admission.Kind> listener) {
        this.onThrottled = listener;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            // a worker stopping: the task starts a little early rather than the interrupt being lost
            Thread.currentThread().interrupt();
        }
    }

    /** Renews the leases of the slots this worker's running tasks hold; returns when to run again. */
    public Duration runOnce() {
        long now = clock.millis();
        store.renewSlots(List.copyOf(held), now, now + lease.toMillis());
        return lease.dividedBy(5).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : lease.dividedBy(5);
    }

    /** Slots this worker holds now. */
    public int heldSlots() {
        return held.size();
    }

    /** Publishes the limits of {@code tasks} (with their definitions' own limits) for {@code celeriac limits}. */
    public void publish(Map<String, FlowLimit> tasks) {
        Map<String, ObjectNode> byName = new TreeMap<>();
        new TreeMap<>(tasks).forEach((task, own) -> {
            for (FlowLimit limit : rules.limitsFor(task, own)) {
                ObjectNode json = byName.computeIfAbsent(limit.name(), n -> describe(limit));
                ((ArrayNode) json.get("tasks")).add(task);
            }
        });
        Map<String, String> published = new TreeMap<>();
        byName.forEach((name, json) -> published.put(name, json.toString()));
        store.publishLimits(published);
    }

    private static ObjectNode describe(FlowLimit limit) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (limit.rate() != null) {
            json.put("rate", limit.rate().text()).put("burst", limit.rate().burst());
        }
        if (limit.concurrency() > 0) {
            json.put("concurrency", limit.concurrency());
        }
        if (limit.key() != null) {
            json.put("key", limit.key().text());
        }
        json.putArray("tasks");
        return json;
    }
}
