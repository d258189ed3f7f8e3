package io.celeriac.core.admin;

import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.broker.redis.RedisBroker;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.TaskMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RScript;

/**
 * The dead-letter list: select entries, then requeue or drop exactly those. Selecting first and
 * acting on the stored bytes means a confirmation prompt covers precisely what gets touched; an
 * entry someone else removed in between is counted as gone, never acted on twice.
 */
public final class DeadLetters {
    private final RedisBroker broker;
    private final RedisKeys keys;
    private final RedisReads reads;
    private final Envelopes envelopes;

    public DeadLetters(RedisBroker broker, MessageCodec codec) {
        this.broker = broker;
        this.keys = broker.keys();
        this.reads = new RedisReads(broker.redis());
        this.envelopes = new Envelopes(codec);
    }

    /** The matching entries, newest first, at most {@code limit}. */
    public List<DeadLetter> select(DeadLetterFilter filter, int limit) {
        List<DeadLetter> selected = new ArrayList<>();
        reads.forEachInList(keys.dead(), (position, stored) -> {
            DeadLetterEntry entry = envelopes.deadLetter(stored);
            if (entry != null && selected.size() < limit && filter.matches(entry)) {
                selected.add(new DeadLetter(position, stored, entry));
            }
        });
        return selected;
    }

    /** The newest entry of a task id, or the entry at a position ({@code #3} or {@code 3}). */
    public Optional<DeadLetter> find(String taskIdOrPosition) {
        String text = taskIdOrPosition.startsWith("#") ? taskIdOrPosition.substring(1) : taskIdOrPosition;
        if (text.matches("\\d{1,9}")) {
            int position = Integer.parseInt(text);
            List<String> at = broker.redis().<String>getList(keys.dead()).range(position, position);
            Optional<DeadLetter> found = at.stream().findFirst()
                    .flatMap(stored -> Optional.ofNullable(envelopes.deadLetter(stored)).map(e -> new DeadLetter(position, stored, e)));
            if (found.isPresent() || taskIdOrPosition.startsWith("#")) {
                return found;
            }
        }
        return select(new DeadLetterFilter(null, null, List.of(taskIdOrPosition)), 1).stream().findFirst();
    }

    /** What an action did: entries acted on, entries already gone, entries it could not act on and why. */
    public record Outcome(int touched, int gone, List<String> skipped) {
    }

    /** Puts each entry's message back on its queue's priority bucket and removes the entry (requeue-dead-3.lua). */
    public Outcome requeue(List<DeadLetter> letters) {
        int touched = 0;
        int gone = 0;
        List<String> skipped = new ArrayList<>();
        for (DeadLetter letter : letters) {
            DeadLetterEntry entry = letter.entry();
            if (entry.queue() == null || entry.queue().isEmpty() || entry.raw().length == 0) {
                skipped.add(label(entry) + ": the entry names no queue or holds no message");
                continue;
            }
            TaskMessage message = envelopes.decode(entry.raw());
            String list = keys.queueList(entry.queue(), message == null ? 0 : message.priority());
            Long moved = broker.redis().getScript().eval(RScript.Mode.READ_WRITE, AdminScripts.REQUEUE_DEAD,
                    RScript.ReturnType.LONG, List.of(keys.dead(), list, keys.binding(entry.queue())),
                    letter.stored(), entry.rawText(), RedisKeys.bindingMember(entry.queue()));
            if (moved != null && moved == 1L) {
                touched++;
            } else {
                gone++;
            }
        }
        return new Outcome(touched, gone, skipped);
    }

    /** Deletes the entries in one atomic step (drop-dead-1.lua). */
    public Outcome drop(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return new Outcome(0, 0, List.of());
        }
        Long dropped = broker.redis().getScript().eval(RScript.Mode.READ_WRITE, AdminScripts.DROP_DEAD,
                RScript.ReturnType.LONG, List.of(keys.dead()), letters.stream().map(DeadLetter::stored).toArray());
        int touched = dropped == null ? 0 : dropped.intValue();
        return new Outcome(touched, letters.size() - touched, List.of());
    }

    private static String label(DeadLetterEntry entry) {
        return entry.taskId() != null ? entry.taskId() : "entry of " + entry.at();
    }
}
