package io.celeriac.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one sampler behind every open tab's live numbers ({@code /api/live}): a snapshot is taken
 * at most once per {@link #FRESH_FOR} per dashboard process, whatever the number of tabs polling,
 * so Redis sees one set of reads per interval, not one per browser. Tabs asking while a sample is
 * being taken wait for it (one in flight) rather than start their own.
 *
 * <p>Freshness is measured on a monotonic clock ({@code System::nanoTime} in production), which
 * tests replace to step time without sleeping.
 */
public final class LiveFeed {
    /** How long a snapshot serves every tab: the pages poll every 5 s, so one sample per poll round. */
    public static final Duration FRESH_FOR = Duration.ofSeconds(4);

    private final Supplier<ObjectNode> sampler;
    private final LongSupplier nanoTime;
    private ObjectNode last;
    private long takenAt;

    public LiveFeed(Supplier<ObjectNode> sampler, LongSupplier nanoTime) {
        this.sampler = sampler;
        this.nanoTime = nanoTime;
    }

    /** The current snapshot, sampled now only when the last one is older than {@link #FRESH_FOR}. */
    public synchronized ObjectNode snapshot() {
        long now = nanoTime.getAsLong();
        if (last == null || now - takenAt >= FRESH_FOR.toNanos()) {
            last = sampler.get();
            takenAt = now;
        }
        return last;
    }
}
