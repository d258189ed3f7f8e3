package io.celeriac.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celeriac.CeleriacTask;
import io.celeriac.core.flow.FlowLimit;
import io.celeriac.core.flow.InvalidLimitException;
import org.junit.jupiter.api.Test;

/** {@code @CeleriacTask(rateLimit = ...)}: Python's {@code @app.task(rate_limit=...)} on a Java task. */
class AnnotatedRateLimitTest {

    static final class Tasks {
        @CeleriacTask(value = "a.limited", rateLimit = "100/m")
        String limited() {
            return "ok";
        }

        @CeleriacTask("a.free")
        String free() {
            return "ok";
        }

        @CeleriacTask(value = "a.bad", rateLimit = "10/x")
        String bad() {
            return "never";
        }
    }

    static CeleriacTask annotation(String method) throws NoSuchMethodException {
        return Tasks.class.getDeclaredMethod(method).getAnnotation(CeleriacTask.class);
    }

    @Test
    void the_annotations_rate_becomes_the_tasks_own_fleet_wide_limit() throws Exception {
        FlowLimit limit = TypedTasks.options(annotation("limited")).flowLimit();
        assertEquals(FlowLimit.OWN, limit.name());
        assertEquals("100/m", limit.rate().text());
        assertNull(TypedTasks.options(annotation("free")).flowLimit());
    }

    @Test
    void a_malformed_rate_fails_registration() throws Exception {
        CeleriacTask bad = annotation("bad");
        assertThrows(InvalidLimitException.class, () -> TypedTasks.options(bad));
    }
}
