package io.celeriac.exporter;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bounded label values for names that come from outside (queue names in a hostile message's
 * binding, worker names): the names always kept (the config's queues) get their own label, then
 * up to {@code maxExtra} more in name order, so the choice does not flap between scrapes; the rest,
 * and any name that is too long or holds control or format characters, fold into {@link #OTHER}.
 */
final class LabelCap {
    static final String OTHER = "other";
    static final int MAX_LENGTH = 100;

    private final List<String> always;
    private final int maxExtra;

    LabelCap(List<String> always, int maxExtra) {
        this.always = List.copyOf(always);
        this.maxExtra = maxExtra;
    }

    /** The label of each name, in the order: kept names first, then the others sorted. */
    Map<String, String> assign(Collection<String> names) {
        Map<String, String> labels = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>(always);
        for (String name : always) {
            labels.put(name, fits(name) ? name : OTHER);
        }
        int extra = 0;
        for (String name : new TreeSet<>(names)) {
            if (!seen.add(name)) {
                continue;
            }
            boolean own = fits(name) && extra < maxExtra;
            labels.put(name, own ? name : OTHER);
            if (own) {
                extra++;
            }
        }
        return labels;
    }

    /** Whether a name can be a label value as it is. */
    static boolean fits(String name) {
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.equals(OTHER)) {
            return false;
        }
        return name.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED);
    }
}
