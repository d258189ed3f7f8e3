package io.celeriac.core.admin;

import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Walks the dead-letter list in pages from its oldest end, so a bulk requeue or drop holds
 * neither Redis nor the JVM for long: each LRANGE reads at most {@link #MAX_PAGE} entries (fewer
 * when they are large), and the caller acts on each page's chosen entries in small scripts.
 *
 * <p>One page:
 * <ol>
 *   <li>read the entries {@code offset} to {@code offset + page} counted from the oldest end
 *       (new dead letters arrive at the newest end and never shift these indexes);</li>
 *   <li>hand them, decoded, to the visitor; it acts on some and says how many it removed;</li>
 *   <li>advance past the entries that remain; stop after the page that reaches the newest end.</li>
 * </ol>
 * Entries left behind by an interrupted run as {@link #TOMBSTONE} are removed on the way.
 */
final class DeadLetterSweep {
    /** What a removed entry is overwritten with until LREM takes it out; no dead letter starts with NUL. */
    static final byte[] TOMBSTONE = "\u0000celeriac:removed-dead-letter".getBytes(StandardCharsets.UTF_8);
    static final int MAX_PAGE = 500;
    /** Bytes per page read: a page of 4 MB messages must not take a gigabyte of heap. */
    static final long PAGE_BYTES = 8L * 1024 * 1024;

    private final Keyspace redis;
    private final String key;

    DeadLetterSweep(Keyspace redis, String key) {
        this.redis = redis;
        this.key = key;
    }

    /**
     * Visits every entry from the oldest; {@code visitor} gets each page (entries that do not
     * decode have a null {@code entry}) and returns how many of them it removed from the list.
     */
    void walk(ToIntFunction<List<DeadLetter>> visitor) {
        long offset = 0;
        int page = MAX_PAGE;
        while (true) {
            long first = -(offset + page);
            long last = -(offset + 1);
            List<byte[]> raw = redis.range(key, first, last);
            if (raw.isEmpty()) {
                return;
            }
            List<DeadLetter> letters = new ArrayList<>(raw.size());
            List<DeadLetter> leftovers = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < raw.size(); i++) {
                byte[] stored = raw.get(i);
                bytes += stored.length;
                long fromOldest = -(offset + raw.size() - i);
                DeadLetter letter = new DeadLetter(-1, fromOldest, stored,
                        Arrays.equals(stored, TOMBSTONE) ? null : DeadLetterEntry.decode(stored));
                (Arrays.equals(stored, TOMBSTONE) ? leftovers : letters).add(letter);
            }
            int removed = leftovers.isEmpty() ? 0 : removeTombstones(leftovers.size());
            removed += visitor.applyAsInt(letters);
            offset += Math.max(0, raw.size() - removed);
            if (raw.size() < page) {
                return;
            }
            page = (int) Math.max(1, Math.min(MAX_PAGE, PAGE_BYTES * raw.size() / Math.max(1, bytes)));
        }
    }

    private int removeTombstones(int count) {
        return (int) redis.remove(key, -count, TOMBSTONE);
    }

    /** Splits {@code letters} into script-sized batches: at most 100 entries and about 1 MB each. */
    static void inBatches(List<DeadLetter> letters, Consumer<List<DeadLetter>> batch) {
        List<DeadLetter> current = new ArrayList<>();
        long bytes = 0;
        for (DeadLetter letter : letters) {
            if (!current.isEmpty() && (current.size() >= 100 || bytes + letter.stored().length > 1_048_576)) {
                batch.accept(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(letter);
            bytes += letter.stored().length;
        }
        if (!current.isEmpty()) {
            batch.accept(current);
        }
    }
}
