package io.celeriac.core.flow;

import io.celeriac.core.routing.QueueNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * How one worker chooses among the queues it consumes, as asynq does: by weight (a queue of weight
 * 3 comes first three times as often as one of weight 1), or in strict order (the heaviest queue
 * first every time, so a lighter one is served only when every heavier one is empty). Without
 * weights and without strict, the worker keeps kombu's round robin.
 *
 * <p>Syntax on the command line: {@code --queues ai_tasks:3,email_tasks:1}; a queue without a
 * weight weighs 1. Text after the last colon that looks like a number is a weight and must be a
 * whole number from 1 to {@value #MAX_WEIGHT}; other text keeps the colon in the queue's name.
 *
 * @param weights each queue's weight, in the order given
 * @param strict  serve strictly by weight (ties in the order given) instead of at random
 */
public record QueueWeights(Map<String, Integer> weights, boolean strict) {
    public static final int MAX_WEIGHT = 1000;
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?[0-9.]*");

    public QueueWeights {
        weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** Queue names with weights stripped, and how to choose among them. */
    public record Parsed(List<String> queues, QueueWeights weights) {
    }

    /**
     * Reads {@code name[:weight]} entries. The weights are null (round robin) unless a weight was
     * given or {@code strict} asked for.
     *
     * @throws IllegalArgumentException naming the entry at fault
     */
    public static Parsed parse(List<String> entries, boolean strict) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        boolean anyWeight = false;
        for (String raw : entries) {
            String entry = raw.strip();
            int colon = entry.lastIndexOf(':');
            String name = entry;
            int weight = 1;
            if (colon >= 0 && NUMBER_LIKE.matcher(entry.substring(colon + 1)).matches()) {
                name = entry.substring(0, colon);
                weight = weightOf(entry, entry.substring(colon + 1));
                anyWeight = true;
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("queue entry '" + entry + "' has a weight but no queue name (expected name:weight)");
            }
            QueueNames.validate(name);
            if (weights.putIfAbsent(name, weight) != null) {
                throw new IllegalArgumentException("queue '" + name + "' is listed twice in --queues");
            }
        }
        return new Parsed(List.copyOf(weights.keySet()), anyWeight || strict ? new QueueWeights(weights, strict) : null);
    }

    private static int weightOf(String entry, String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("queue entry '" + entry + "' ends with ':' but has no weight (expected name:weight, e.g. ai_tasks:3)");
        }
        int weight;
        try {
            weight = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("queue entry '" + entry + "': the weight must be a whole number from 1 to " + MAX_WEIGHT);
        }
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("queue entry '" + entry + "': the weight must be from 1 to " + MAX_WEIGHT + ", got " + weight);
        }
        return weight;
    }

    public int weightOf(String queue) {
        return weights.getOrDefault(queue, 1);
    }

    /**
     * The order to look at {@code queues} in for one fetch. Weighted: a random order where each
     * queue comes first with probability weight / total (Efraimidis-Spirakis: sort by u^(1/w)),
     * drawn from {@code random} so a seeded generator gives a reproducible sequence. Strict: by
     * weight, heaviest first, ties in the order given.
     */
    public List<String> order(List<String> queues, RandomGenerator random) {
        List<String> ordered = new ArrayList<>(queues);
        if (strict) {
            ordered.sort(Comparator.comparingInt((String q) -> weightOf(q)).reversed());
            return ordered;
        }
        Map<String, Double> keys = new LinkedHashMap<>();
        for (String queue : queues) {
            keys.put(queue, Math.pow(random.nextDouble(), 1.0 / weightOf(queue)));
        }
        ordered.sort(Comparator.comparingDouble((String q) -> keys.get(q)).reversed());
        return ordered;
    }
}
