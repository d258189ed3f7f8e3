package io.celeriac.beat;

import io.celeriac.beat.redis.BeatStore;
import io.celeriac.beat.redis.StoredEntry;
import io.celeriac.core.client.TaskSender;
import io.celeriac.core.internal.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires one due entry.
 *
 * <ol>
 *   <li>decide with {@link MisfireRule}: send, or skip a misfire, and the next due time;</li>
 *   <li>claim the occurrence in Redis (claim-2.lua), naming the task id about to be sent;</li>
 *   <li>only if the claim won, send the message through the normal client (ordinary Celery
 *       message, routed by the config), trying {@link #SEND_TRIES} times with the same task id;</li>
 *   <li>if it still could not be sent, give the claim back (unclaim-1.lua) so the next pass, of
 *       this leader or another, claims and sends it again: a send failure loses no occurrence.</li>
 * </ol>
 * Claim before send means a crash between the two loses that one occurrence rather than sending
 * it twice; the entry's {@code last_task_id} then names a task that never reached a queue.
 */
public final class EntryFirer {
    private static final Logger log = LoggerFactory.getLogger(EntryFirer.class);
    /** Sends of one claimed occurrence before it is given back. */
    static final int SEND_TRIES = 3;

    /** What happened to one due entry. */
    public enum Outcome { SENT, SKIPPED, STALE, NOT_LEADER, RETURNED, SEND_FAILED }

    /** Told of every occurrence this replica handled: feeds the beat's metrics. */
    public interface FireListener {
        void fired(String entry, Outcome outcome, Duration lateness);

        FireListener NONE = (entry, outcome, lateness) -> { };
    }

    private FireListener listener = FireListener.NONE;

    /** Sets who hears about fired occurrences. */
    public EntryFirer listener(FireListener newListener) {
        this.listener = newListener;
        return this;
    }

    private final BeatStore store;
    private final TaskSender sender;
    private final RandomGenerator random;
    private final BeatSettings settings;
    private final String token;

    public EntryFirer(BeatStore store, TaskSender sender, RandomGenerator random, BeatSettings settings, String token) {
        this.store = store;
        this.sender = sender;
        this.random = random;
        this.settings = settings;
        this.token = token;
    }

    /** @param now the pass's time (Redis's clock in production) */
    public Outcome fire(StoredEntry stored, Instant now) {
        Outcome outcome = claimAndSend(stored, now);
        Instant due = stored.state().next();
        if (outcome != Outcome.STALE && outcome != Outcome.NOT_LEADER && due != null) {
            listener.fired(stored.entry().name(), outcome, Duration.between(due, now));
        }
        return outcome;
    }

    private Outcome claimAndSend(StoredEntry stored, Instant now) {
        BeatEntry entry = stored.entry();
        Instant due = stored.state().next();
        MisfireRule.Decision decision = MisfireRule.decide(entry, due, now, settings.misfireGrace(), settings.catchUpWindow());
        String taskId = decision.send() ? Ids.uuid(random) : null;
        Instant next = decision.next().orElse(null);
        BeatStore.Claim claim = store.claim(token, stored, next, now, taskId);
        if (claim == BeatStore.Claim.STALE) {
            return Outcome.STALE;
        }
        if (claim == BeatStore.Claim.NOT_LEADER) {
            return Outcome.NOT_LEADER;
        }
        if (!decision.send()) {
            log.atInfo().addKeyValue("entry", entry.name()).addKeyValue("due", due)
                    .log("skipped a missed occurrence (misfire policy " + entry.misfire().text() + ")");
            return Outcome.SKIPPED;
        }
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= SEND_TRIES; attempt++) {
            try {
                sender.send(entry.task(), Jsons.toList(entry.args()),
                        Jsons.toMap(entry.kwargs()), entry.options().toSendOptions(now, taskId));
                log.atInfo().addKeyValue("entry", entry.name()).addKeyValue("task", entry.task()).addKeyValue("task_id", taskId)
                        .addKeyValue("due", due).addKeyValue("late_ms", Duration.between(due, now).toMillis())
                        .log(decision.late() ? "sent a missed occurrence (misfire policy " + entry.misfire().text() + ")"
                                : "sent periodic task");
                return Outcome.SENT;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        return giveBack(stored, next, taskId, failure);
    }

    private Outcome giveBack(StoredEntry stored, Instant next, String taskId, RuntimeException failure) {
        String name = stored.entry().name();
        boolean returned;
        try {
            returned = store.unclaim(stored, next, taskId);
        } catch (RuntimeException e) {
            returned = false;
        }
        log.atError().addKeyValue("entry", name).addKeyValue("task_id", taskId).addKeyValue("due", stored.state().next())
                .addKeyValue("tries", SEND_TRIES).addKeyValue("error", String.valueOf(failure))
                .log(returned ? "occurrence could not be sent; claim given back, the next pass sends it again"
                        : "occurrence claimed but its message could not be sent, nor the claim given back: it is lost");
        return returned ? Outcome.RETURNED : Outcome.SEND_FAILED;
    }
}
