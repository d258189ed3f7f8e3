package io.celeriac.core.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router(List.of(
            new Route("personal_assistant.workers.tasks.ai_tasks.*", "ai_tasks"),
            new Route("personal_assistant.workers.tasks.email_tasks.*", "email_tasks"),
            new Route("reports.?aily", "reports")), "celery");

    @Test
    void a_glob_matches_across_dots_like_celery_glob_routes() {
        assertEquals("ai_tasks", router.route("personal_assistant.workers.tasks.ai_tasks.process_due_ai_tasks"));
        assertEquals("email_tasks", router.route("personal_assistant.workers.tasks.email_tasks.send_email"));
        assertEquals("reports", router.route("reports.daily"));
    }

    @Test
    void an_unrouted_task_goes_to_the_default_queue() {
        assertEquals("celery", router.route("celeriac.add"));
        assertEquals("celery", router.route("personal_assistant.workers.tasks.ai_tasks"));
    }

    @Test
    void an_explicit_queue_wins_over_the_routes() {
        assertEquals("urgent", router.route("personal_assistant.workers.tasks.ai_tasks.x", "urgent"));
        assertEquals("ai_tasks", router.route("personal_assistant.workers.tasks.ai_tasks.x", null));
    }

    @Test
    void regex_characters_in_patterns_are_literal() {
        Router literal = new Router(List.of(new Route("a+b.(c)", "q")), "celery");
        assertEquals("q", literal.route("a+b.(c)"));
        assertEquals("celery", literal.route("aab.c"));
    }

    @Test
    void a_queue_name_with_whitespace_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Route("x.*", "bad queue"));
        assertThrows(IllegalArgumentException.class, () -> new Router(List.of(), " "));
    }
}
