package io.celeriac.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelCapTest {
    @Test
    void configured_names_always_keep_their_label_and_extras_are_capped_in_name_order() {
        LabelCap cap = new LabelCap(List.of("celery", "ai_tasks"), 2);
        Map<String, String> labels = cap.assign(Set.of("zeta", "beta", "alpha", "celery"));
        assertEquals(Map.of("celery", "celery", "ai_tasks", "ai_tasks", "alpha", "alpha", "beta", "beta", "zeta", "other"), labels);
    }

    @Test
    void names_that_cannot_be_labels_fold_into_other_without_taking_a_place() {
        LabelCap cap = new LabelCap(List.of(), 1);
        Map<String, String> labels = cap.assign(Set.of("a\nb", "x".repeat(101), "\u202Eevil", "other", "ok"));
        assertEquals("ok", labels.get("ok"));
        assertEquals(1, labels.values().stream().filter(v -> !v.equals(LabelCap.OTHER)).count());
        assertFalse(LabelCap.fits(""));
    }
}
