package io.celeriac.exporter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition read into series -> value, for assertions ({@code name{a="b"}} as written). */
final class Scrape {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    private final Map<String, Double> series = new LinkedHashMap<>();
    private final String text;

    Scrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
    }

    /** The value of a series, or null; labels as the exposition writes them, e.g. {@code {queue="q"}}. */
    Double value(String name, String labels) {
        return series.get(name + (labels.isEmpty() ? "" : "{" + labels + "}"));
    }

    /** Every series of a metric name. */
    Map<String, Double> all(String name) {
        Map<String, Double> found = new LinkedHashMap<>();
        series.forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "{")) {
                found.put(k, v);
            }
        });
        return found;
    }

    @Override
    public String toString() {
        return text;
    }
}
