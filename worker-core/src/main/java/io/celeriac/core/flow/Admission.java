package io.celeriac.core.flow;

import java.time.Instant;
import java.util.List;

/** What {@link FlowGate#admit} decided for one task about to run. */
public sealed interface Admission {

    /** Run now; the slots it took are given back by {@link FlowGate#release}. */
    record Run(List<FlowStore.HeldSlot> slots) implements Admission {
        static final Run FREE = new Run(List.of());
    }

    /** Over {@code limit}: wait in the delayed set until {@code until} (a reserved token, or a slot's likely end). */
    record Wait(Instant until, String limit, Kind kind) implements Admission {
    }

    /** Cannot be limited as asked (its key is missing or too long): dead-letter it with {@code reason}. */
    record Refuse(String reason) implements Admission {
    }

    /** Which kind of limit held a task back (a metric's tag). */
    enum Kind {
        RATE, CONCURRENCY;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
