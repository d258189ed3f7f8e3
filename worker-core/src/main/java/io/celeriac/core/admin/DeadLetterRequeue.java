package io.celeriac.core.admin;

import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One requeue run, batch by batch: builds each batch's script call (requeue-dead-n.lua), leaves
 * in place what cannot be requeued (with the reason), and keeps the counts. A target key of the
 * wrong type (a hash where the queue list should be) is found by the script before it writes
 * anything; its entries stay dead letters and the rest of the batch runs again without them.
 */
final class DeadLetterRequeue {
    private final Keyspace redis;
    private final RedisKeys keys;
    private final RequeueChecks checks;
    private final byte[] deadKey;
    private final Map<String, String> badTargets = new LinkedHashMap<>();
    private long touched;
    private long gone;
    private long skipped;
    private long changes;
    private final Set<String> skippedEntries = new HashSet<>();
    private final List<String> reasons = new ArrayList<>();

    DeadLetterRequeue(Keyspace redis, RedisKeys keys, RequeueChecks checks, byte[] deadKey) {
        this.redis = redis;
        this.keys = keys;
        this.checks = checks;
        this.deadKey = deadKey;
    }

    /** Requeues what it can of {@code batch}; returns how many entries left the list. */
    int batch(List<DeadLetter> batch) {
        List<DeadLetter> movable = new ArrayList<>();
        for (DeadLetter letter : batch) {
            String refusal = checks.refusal(letter.entry());
            if (refusal == null && badTargets.containsKey(checks.target(letter.entry()))) {
                refusal = badTargets.get(checks.target(letter.entry()));
            }
            if (refusal != null) {
                skip(letter, refusal);
            } else {
                movable.add(letter);
            }
        }
        while (!movable.isEmpty()) {
            List<?> reply = run(movable);
            long first = ((Number) reply.get(0)).longValue();
            if (first >= 0) {
                touched += first;
                gone += ((Number) reply.get(1)).longValue();
                changes += ((Number) reply.get(1)).longValue() + ((Number) reply.get(2)).longValue();
                return (int) first;
            }
            String key = new String((byte[]) reply.get(1), StandardCharsets.UTF_8);
            String type = redis.type(key);
            badTargets.put(key, "target " + key + " is a " + type + ", not a queue list; the entry stays a dead letter");
            List<DeadLetter> rest = new ArrayList<>();
            for (DeadLetter letter : movable) {
                String target = checks.target(letter.entry());
                if (badTargets.containsKey(target) || badTargets.containsKey(keys.binding(letter.entry().queue()))) {
                    skip(letter, badTargets.getOrDefault(target, "binding " + keys.binding(letter.entry().queue())
                            + " is a " + type + ", not a set; the entry stays a dead letter"));
                } else {
                    rest.add(letter);
                }
            }
            movable = rest;
        }
        return 0;
    }

    private List<?> run(List<DeadLetter> letters) {
        List<String> lists = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> bindings = new ArrayList<>();
        for (DeadLetter letter : letters) {
            String target = checks.target(letter.entry());
            if (seen.add(target)) {
                lists.add(target);
            }
            String binding = keys.binding(letter.entry().queue());
            if (seen.add(binding)) {
                bindings.add(binding);
            }
        }
        List<byte[]> scriptKeys = new ArrayList<>();
        scriptKeys.add(deadKey);
        lists.forEach(k -> scriptKeys.add(utf8(k)));
        bindings.forEach(k -> scriptKeys.add(utf8(k)));
        List<byte[]> args = new ArrayList<>();
        args.add(DeadLetterSweep.TOMBSTONE);
        args.add(utf8(Integer.toString(lists.size())));
        for (DeadLetter letter : letters) {
            // KEYS indexes are 1-based and KEYS[1] is the dead-letter list
            int list = lists.indexOf(checks.target(letter.entry())) + 2;
            int binding = lists.size() + bindings.indexOf(keys.binding(letter.entry().queue())) + 2;
            args.add(utf8(Long.toString(letter.fromOldest())));
            args.add(letter.stored());
            args.add(utf8(Integer.toString(list)));
            args.add(letter.entry().raw());
            args.add(utf8(binding + "\n" + RedisKeys.bindingMember(letter.entry().queue())));
        }
        return (List<?>) redis.eval(AdminScripts.REQUEUE_DEAD, scriptKeys, args);
    }

    /** Starts another pass over the list. */
    void newPass() {
        changes = 0;
    }

    /** Whether the last pass saw the list change under it. */
    boolean listChanged() {
        return changes > 0;
    }

    private void skip(DeadLetter letter, String reason) {
        // a later pass meets the same entry again: count it once
        if (!skippedEntries.add(digest(letter.stored()))) {
            return;
        }
        skipped++;
        if (reasons.size() < DeadLetters.Outcome.MAX_REASONS) {
            String id = letter.entry() == null || letter.entry().taskId() == null ? "entry #" + (-letter.fromOldest()) + " from the oldest"
                    : letter.entry().taskId();
            reasons.add(id + ": " + reason);
        }
    }

    /** 32 bytes per skipped entry instead of the entry itself. */
    private static String digest(byte[] stored) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(stored));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    DeadLetters.Outcome outcome() {
        return new DeadLetters.Outcome(touched, gone, skipped, List.copyOf(reasons));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
