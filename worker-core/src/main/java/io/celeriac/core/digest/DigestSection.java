package io.celeriac.core.digest;

import java.util.List;

/**
 * One titled part of a daily summary.
 *
 * @param order position among sections (lower first)
 * @param lines plain-text lines, one per item
 */
public record DigestSection(String title, int order, List<String> lines) {
    public DigestSection {
        lines = List.copyOf(lines);
    }
}
