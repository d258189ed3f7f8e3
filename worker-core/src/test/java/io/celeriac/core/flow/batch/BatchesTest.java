package io.celeriac.core.flow.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.message.NewTask;
import io.celeriac.core.message.TaskMessage;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Batch ids as users type them, the header as messages carry it, progress as the hash holds it. */
class BatchesTest {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    @Property
    void any_text_is_either_a_batch_id_or_refused_with_a_clear_error(@ForAll String text) {
        if (SAFE.matcher(text).matches()) {
            assertEquals(text, Batches.checkId(text));
        } else {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Batches.checkId(text));
            assertTrue(refused.getMessage().startsWith("not a batch id"), refused.getMessage());
            assertTrue(refused.getMessage().length() < 300, "a huge id is not echoed whole");
        }
    }

    private static TaskMessage message(Object header) {
        TaskMessage message = NewTask.create("t-1", "x.y", JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode(),
                "celery", 0, null, null, false, "test", "tag", null, null, Instant.EPOCH);
        if (header instanceof String text) {
            message.headers().put(Batches.HEADER, text);
        } else if (header instanceof Integer number) {
            message.headers().put(Batches.HEADER, number);
        }
        return message;
    }

    @Test
    void only_a_message_with_a_well_formed_batch_header_counts_in_a_batch() {
        assertEquals("b-1", Batches.part(message("b-1"), true, 5).batchId());
        assertEquals("t-1", Batches.part(message("b-1"), true, 5).taskId());
        assertNull(Batches.part(message(null), true, 5), "no header");
        assertNull(Batches.part(message("has\nnewline"), true, 5), "a header that would break the script's plan");
        assertNull(Batches.part(message(""), true, 5), "an empty id would release the sender's hold");
    }

    @Test
    void progress_leaves_the_senders_hold_out_of_pending_and_names_the_state() {
        BatchProgress adding = BatchProgress.fromHash(Map.of("id", "b", "total", "2", "pending", "3", "hold", "1", "created_at", "0"));
        assertEquals(2, adding.pending());
        assertEquals("adding", adding.state());

        BatchProgress failed = BatchProgress.fromHash(Map.of("id", "b", "total", "2", "pending", "0", "succeeded", "1", "failed", "1",
                "created_at", "0", "complete_at", "10"));
        assertEquals("complete", failed.state());
        assertEquals(Instant.ofEpochMilli(10), failed.completedAt());
        assertTrue(failed.toJson().path("succeeded_at").isNull());

        assertEquals("succeeded", BatchProgress.fromHash(Map.of("id", "b", "complete_at", "10", "success_at", "10")).state());
        assertNull(BatchProgress.fromHash(Map.of()), "an expired batch");
        assertFalse(BatchProgress.fromHash(Map.of("id", "b")).adding());
    }
}
