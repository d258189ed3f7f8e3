package io.celeriac.core.flow.batch;

import io.celeriac.core.broker.Broker;
import io.celeriac.core.broker.BrokerOp;
import io.celeriac.core.broker.Completion;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.client.TaskClient;
import io.celeriac.core.internal.Ids;
import io.celeriac.core.message.TaskMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Opens batches, adds tasks to them and reads their progress. A batch's life:
 *
 * <ol>
 *   <li>{@link #open}: the batch hash, holding one pending count for its sender (the hold), and
 *       the callback messages, built now and sent by whichever completion finishes the batch;</li>
 *   <li>{@link #add} (the sender, or a running task of the batch): each task is registered as
 *       pending and enqueued in one script, its message carrying the batch id in a header
 *       ({@value #HEADER}; Python workers ignore it);</li>
 *   <li>{@link #seal}: the sender releases its hold; until then the batch cannot finish, however
 *       fast its first tasks end;</li>
 *   <li>each task's final outcome (never a retry) counts it once, in the same script as the outcome
 *       itself; the count that brings pending to zero sends on_complete, and on_success when none
 *       failed, each behind a once-flag; the batch then expires after its TTL.</li>
 * </ol>
 *
 * <p>A running task adds to its own batch while it is still pending, so the batch cannot finish
 * between the add and the task's own end.
 */
public final class Batches {
    /** The message header that names a task's batch. */
    public static final String HEADER = "celeriac_batch";
    /** The header of a callback message: the batch it reports on (a callback is not a member). */
    public static final String CALLBACK_HEADER = "celeriac_batch_callback";
    /** How long a batch that never finishes is kept, refreshed by every add. */
    public static final Duration OPEN_TTL = Duration.ofDays(30);
    /** How long a finished batch is kept, unless it asks otherwise. */
    public static final Duration DONE_TTL = Duration.ofDays(1);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final TaskClient client;
    private final Broker broker;
    private final Clock clock;
    private final RandomGenerator random;

    public Batches(TaskClient client, Broker broker, Clock clock, RandomGenerator random) {
        this.client = client;
        this.broker = broker;
        this.clock = clock;
        this.random = random;
    }

    /**
     * What a new batch is.
     *
     * @param onComplete sent once every task has ended (null for none)
     * @param onSuccess  sent once every task has succeeded (null for none)
     * @param doneTtl    how long it is kept after completion (null: {@link #DONE_TTL})
     */
    public record Plan(String description, TaskClient.Request onComplete, TaskClient.Request onSuccess, Duration doneTtl) {
    }

    /** Opens a batch, held by its sender until {@link #seal}; returns its id. */
    public String open(Plan plan) {
        Duration done = plan.doneTtl() == null ? DONE_TTL : plan.doneTtl();
        if (done.isNegative() || done.toSeconds() < 1 || done.compareTo(OPEN_TTL) > 0) {
            throw new IllegalArgumentException("a batch is kept between 1 s and " + OPEN_TTL.toDays() + " days after it completes, not " + done);
        }
        String id = Ids.uuid(random);
        BatchStore.BatchOpening opening = new BatchStore.BatchOpening(id, plan.description() == null ? "" : plan.description(),
                clock.millis(), OPEN_TTL, done, callback(id, "on_complete", plan.onComplete()), callback(id, "on_success", plan.onSuccess()));
        if (!broker.batches().open(opening)) {
            throw new IllegalStateException("batch id " + id + " is taken");
        }
        return id;
    }

    private BatchStore.Callback callback(String batchId, String name, TaskClient.Request request) {
        if (request == null) {
            return null;
        }
        TaskClient.Prepared built = client.prepare(List.of(request), Map.of(CALLBACK_HEADER, batchId)).get(0);
        DeadLetterEntry ifRefused = new DeadLetterEntry("could not enqueue the " + name + " callback of batch " + batchId,
                built.queue(), built.message().id(), built.message().task(), clock.instant(), new byte[0]);
        return new BatchStore.Callback(built.queue(), built.message().priority(), built.envelope(), ifRefused.header().toString());
    }

    /**
     * Adds tasks to a batch that has not completed, registering and enqueueing them in one step;
     * returns their ids in order.
     *
     * @throws BatchClosedException when the batch expired or completed already
     */
    public List<String> add(String batchId, List<TaskClient.Request> requests) {
        List<TaskClient.Prepared> built = client.prepare(requests, Map.of(HEADER, checkId(batchId)));
        List<BatchStore.BatchTask> tasks = new ArrayList<>(built.size());
        List<String> ids = new ArrayList<>(built.size());
        for (TaskClient.Prepared p : built) {
            tasks.add(new BatchStore.BatchTask(p.message().id(), p.queue(), p.message().priority(), p.envelope(),
                    p.due() == null ? 0 : p.due().toEpochMilli()));
            ids.add(p.message().id());
        }
        if (!tasks.isEmpty()) {
            broker.batches().add(batchId, tasks, OPEN_TTL, clock.millis());
            client.announce(built);
        }
        return ids;
    }

    /** Releases the sender's hold: from now on the batch completes when its last task ends (at once if all have). */
    public void seal(String batchId) {
        broker.complete(List.of(new Completion(null, false,
                List.of(new BrokerOp.BatchPart(checkId(batchId), "", true, clock.millis())))));
    }

    public Optional<BatchProgress> progress(String batchId) {
        return broker.batches().progress(checkId(batchId));
    }

    public List<BatchProgress> list(int limit) {
        return broker.batches().list(limit);
    }

    /** A batch id as a user may type it; IllegalArgumentException otherwise. */
    public static String checkId(String batchId) {
        if (batchId == null || !ID.matcher(batchId).matches()) {
            throw new IllegalArgumentException("not a batch id: " + (batchId == null ? "null"
                    : io.celeriac.core.internal.LogSafe.of(batchId, 80)) + " (expected letters, digits, '-', '_', '.', ':', at most 128)");
        }
        return batchId;
    }

    /** The batch a message belongs to, or null. */
    public static String batchOf(TaskMessage message) {
        String id = message.headers().path(HEADER).asText(null);
        return id != null && ID.matcher(id).matches() ? id : null;
    }

    /** The write that counts a task's final outcome in its batch, or null when it is in none. */
    public static BrokerOp.BatchPart part(TaskMessage message, boolean succeeded, long nowMillis) {
        String batch = batchOf(message);
        return batch == null || message.id() == null ? null : new BrokerOp.BatchPart(batch, message.id(), succeeded, nowMillis);
    }
}
