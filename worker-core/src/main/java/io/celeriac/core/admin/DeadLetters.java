package io.celeriac.core.admin;

import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The dead-letter list: list, find, survey, then requeue or drop by filter. Bulk actions stream
 * the list in pages and act in batches of at most 100 entries (see {@link DeadLetterSweep}), each
 * a script of milliseconds that is safe to run twice: a dropped or requeued entry is tombstoned and
 * removed in the same script, so a resend finds it gone. Entries newer than {@code until} (the
 * moment the operator was shown the count) are never touched. When a pass finds the list changed
 * under it (another run, a trim: entries gone or away from their index), it walks again, since
 * such a shift can carry unvisited entries past its position; a quiet pass ends the run.
 */
public final class DeadLetters {
    /** Passes over a list that keeps changing under the run; each makes progress, this bounds them. */
    private static final int MAX_PASSES = 20;
    private final RedisKeys keys;
    private final Keyspace redis;
    private final Envelopes envelopes;
    private final RequeueChecks checks;
    private final byte[] deadKey;

    public DeadLetters(RedisBroker broker, MessageCodec codec) {
        this.keys = broker.keys();
        this.redis = broker.keyspace();
        this.envelopes = new Envelopes(codec);
        this.checks = new RequeueChecks(redis, keys, envelopes);
        this.deadKey = keys.dead().getBytes(StandardCharsets.UTF_8);
    }

    /** The matching entries, newest first, at most {@code limit}; reads only as far as it needs. */
    public List<DeadLetter> select(DeadLetterFilter filter, int limit) {
        List<DeadLetter> selected = new ArrayList<>();
        for (long start = 0; selected.size() < limit; start += Keyspace.CHUNK) {
            long from = start;
            List<byte[]> chunk = redis.range(keys.dead(), from, from + Keyspace.CHUNK - 1);
            for (int i = 0; i < chunk.size() && selected.size() < limit; i++) {
                DeadLetterEntry entry = DeadLetterEntry.decode(chunk.get(i));
                if (entry != null && filter.matches(entry)) {
                    selected.add(new DeadLetter((int) (start + i), 0, chunk.get(i), entry));
                }
            }
            if (chunk.size() < Keyspace.CHUNK) {
                break;
            }
        }
        return selected;
    }

    /** The newest entry of a task id, or the entry at a position ({@code #3} or {@code 3}). */
    public Optional<DeadLetter> find(String taskIdOrPosition) {
        String text = taskIdOrPosition.startsWith("#") ? taskIdOrPosition.substring(1) : taskIdOrPosition;
        if (text.matches("\\d{1,9}")) {
            int position = Integer.parseInt(text);
            byte[] stored = redis.index(keys.dead(), position);
            DeadLetterEntry entry = stored == null ? null : DeadLetterEntry.decode(stored);
            if (entry != null || taskIdOrPosition.startsWith("#")) {
                return Optional.ofNullable(entry).map(e -> new DeadLetter(position, 0, stored, e));
            }
        }
        return select(new DeadLetterFilter(null, null, List.of(taskIdOrPosition)), 1).stream().findFirst();
    }

    /** What a requeue or drop would touch, counted without changing anything. */
    public record Survey(long matched, long refused, long succeeded, long inFlight, Set<String> foundIds) {
    }

    /** Counts the entries matching {@code filter} up to {@code until}, with what requeue would warn about. */
    public Survey survey(DeadLetterFilter filter, Instant until, boolean forRequeue, boolean unreadableToo) {
        long[] counts = new long[4];
        Set<String> found = new LinkedHashSet<>();
        new DeadLetterSweep(redis, keys.dead()).walk(page -> {
            List<String> ids = new ArrayList<>();
            for (DeadLetter letter : chosen(page, filter, until, unreadableToo)) {
                counts[0]++;
                if (letter.entry() != null) {
                    found.add(letter.entry().taskId());
                }
                if (forRequeue && checks.refusal(letter.entry()) != null) {
                    counts[1]++;
                } else if (forRequeue && letter.entry().taskId() != null) {
                    ids.add(letter.entry().taskId());
                    counts[3] += checks.inFlight(letter.entry().taskId()) ? 1 : 0;
                }
            }
            counts[2] += forRequeue ? checks.succeeded(ids).size() : 0;
            return 0;
        });
        return new Survey(counts[0], counts[1], counts[2], counts[3], found);
    }

    /** What an action did: entries acted on, entries already gone, entries left in place and why (the first 100 reasons). */
    public record Outcome(long touched, long gone, long skipped, List<String> reasons) {
        static final int MAX_REASONS = 100;
    }

    /**
     * Drops every entry matching {@code filter} written up to {@code until}, in batches
     * (drop-dead-1.lua). Entries that are not Celeriac dead letters are left alone, unless
     * {@code unreadableToo} and the filter is empty ({@code dead drop --all}).
     */
    public Outcome drop(DeadLetterFilter filter, Instant until, boolean unreadableToo) {
        long[] counts = new long[3];
        int passes = 0;
        do {
            counts[2] = 0;
            new DeadLetterSweep(redis, keys.dead()).walk(page -> {
            int[] removed = {0};
            DeadLetterSweep.inBatches(chosen(page, filter, until, unreadableToo), batch -> {
                List<byte[]> args = new ArrayList<>();
                args.add(DeadLetterSweep.TOMBSTONE);
                for (DeadLetter letter : batch) {
                    args.add(Long.toString(letter.fromOldest()).getBytes(StandardCharsets.US_ASCII));
                    args.add(letter.stored());
                }
                List<?> reply = (List<?>) redis.eval(AdminScripts.DROP_DEAD, List.of(deadKey), args);
                removed[0] += ((Number) reply.get(0)).intValue();
                counts[0] += ((Number) reply.get(0)).longValue();
                counts[1] += ((Number) reply.get(1)).longValue();
                counts[2] += ((Number) reply.get(1)).longValue() + ((Number) reply.get(2)).longValue();
            });
            return removed[0];
            });
        } while (counts[2] > 0 && ++passes < MAX_PASSES);
        return new Outcome(counts[0], counts[1], 0, List.of());
    }

    /** Requeues every entry matching {@code filter} up to {@code until}, in batches (requeue-dead-n.lua). */
    public Outcome requeue(DeadLetterFilter filter, Instant until) {
        DeadLetterRequeue requeue = new DeadLetterRequeue(redis, keys, checks, deadKey);
        int passes = 0;
        do {
            requeue.newPass();
            new DeadLetterSweep(redis, keys.dead()).walk(page -> {
                int[] removed = {0};
                DeadLetterSweep.inBatches(chosen(page, filter, until, true), batch -> removed[0] += requeue.batch(batch));
                return removed[0];
            });
        } while (requeue.listChanged() && ++passes < MAX_PASSES);
        return requeue.outcome();
    }

    private static List<DeadLetter> chosen(List<DeadLetter> page, DeadLetterFilter filter, Instant until, boolean unreadable) {
        Predicate<DeadLetter> wanted = l -> l.entry() != null ? filter.matches(l.entry()) && !l.entry().at().isAfter(until)
                : unreadable && filter.isEmpty();
        return page.stream().filter(wanted).toList();
    }
}
