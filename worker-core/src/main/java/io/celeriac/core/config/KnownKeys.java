package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Refuses a config key nobody reads: a misspelt key ({@code result_expire}, {@code qeueus}) was
 * silently ignored before, so the setting the operator meant never applied. Knows the keys every
 * {@link ConfigKeys} on the class path declares, and suggests the nearest one.
 *
 * <p>One exception: a top-level mapping that no installed module claims and that is not close to a
 * known key is taken as the section of a module this process was packaged without, so one file
 * can serve workers built with different modules. Everything else unknown is an error.
 */
final class KnownKeys {
    private final Set<String> patterns;

    KnownKeys(Set<String> patterns) {
        this.patterns = Set.copyOf(patterns);
    }

    /** The keys declared by the engine and every module on the class path. */
    static KnownKeys installed() {
        Set<String> all = new HashSet<>();
        for (ConfigKeys declared : ServiceLoader.load(ConfigKeys.class, KnownKeys.class.getClassLoader())) {
            all.addAll(declared.keys());
        }
        return new KnownKeys(all);
    }

    /** Throws for the first key of {@code doc} that no declaration names. */
    void check(JsonNode doc, String source) {
        check(doc, List.of(), source);
    }

    private void check(JsonNode node, List<String> path, String source) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            // segments, not a joined string: a route's name ("app.ai.*") holds dots of its own
            List<String> child = new ArrayList<>(path);
            child.add(field.getKey());
            String matched = match(child);
            if (matched == null) {
                String suggestion = suggestion(String.join(".", path), field.getKey());
                if (path.isEmpty() && field.getValue().isObject() && suggestion.isEmpty()) {
                    // a section of a module this process was built without: one file serves
                    // workers packaged with different modules
                    continue;
                }
                throw new ConfigException(source + ": unknown key '" + String.join(".", child) + "'" + suggestion);
            }
            if (!matched.endsWith("*") && hasChildren(matched)) {
                check(field.getValue(), child, source);
            }
        }
    }

    /** The pattern naming {@code path}, or null. */
    private String match(List<String> path) {
        for (String pattern : patterns) {
            if (matches(pattern.split("\\."), path)) {
                return pattern;
            }
        }
        return null;
    }

    private static boolean matches(String[] pattern, List<String> path) {
        if (pattern.length != path.size()) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!pattern[i].equals("*") && !pattern[i].equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private boolean hasChildren(String pattern) {
        String prefix = pattern + ".";
        return patterns.stream().anyMatch(p -> p.startsWith(prefix));
    }

    private String suggestion(String parent, String key) {
        String prefix = parent.isEmpty() ? "" : parent + ".";
        int depth = parent.isEmpty() ? 1 : parent.split("\\.").length + 1;
        List<String> siblings = patterns.stream()
                .filter(p -> p.startsWith(prefix) && p.split("\\.").length == depth && !p.endsWith("*"))
                .map(p -> p.substring(prefix.length())).toList();
        return siblings.stream()
                .filter(s -> distance(s, key) <= Math.max(2, key.length() / 3))
                .min(Comparator.comparingInt((String s) -> distance(s, key)).thenComparing(s -> s))
                .map(s -> " (did you mean '" + prefix + s + "'?)")
                .orElse("");
    }

    /** Optimal string alignment distance: an adjacent swap ({@code qeueus}) costs one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
