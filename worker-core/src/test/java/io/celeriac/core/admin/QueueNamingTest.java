package io.celeriac.core.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.celeriac.core.broker.redis.RedisKeys;
import org.junit.jupiter.api.Test;

/** Reading kombu's names back: list names to queue and priority, binding members to queues. */
class QueueNamingTest {
    final RedisKeys keys = new RedisKeys("p:celeriac:", "p:");

    @Test
    void every_priority_bucket_names_its_queue_and_step() {
        for (int step : RedisKeys.PRIORITY_STEPS) {
            assertEquals(new RedisKeys.QueueListName("ai_tasks", step), keys.queueOfList(keys.queueList("ai_tasks", step)));
        }
        assertNull(keys.queueOfList("other:ai_tasks"), "outside kombu's prefix");
    }

    @Test
    void a_binding_member_names_its_queue_but_pidbox_and_event_queues_are_not_work() {
        assertEquals("ai_tasks", QueueCatalog.queueOfMember(RedisKeys.bindingMember("ai_tasks")));
        assertEquals("ai_tasks", QueueCatalog.queueOfMember("ai" + RedisKeys.SEP + RedisKeys.SEP + "ai_tasks"));
        assertNull(QueueCatalog.queueOfMember(RedisKeys.SEP + RedisKeys.SEP + "w1@vm.celery.pidbox"));
        assertNull(QueueCatalog.queueOfMember("worker.#" + RedisKeys.SEP + RedisKeys.SEP + "celeryev.0b1c"));
        assertNull(QueueCatalog.queueOfMember("garbage"));
    }

    @Test
    void binding_keys_scan_with_the_prefix_escaped_and_name_their_exchange() {
        RedisKeys odd = new RedisKeys("x", "a*b:");
        assertEquals("a\\*b:_kombu.binding.*", odd.bindingPattern());
        assertEquals("emails", odd.exchangeOfBinding(odd.binding("emails")));
        assertNull(odd.exchangeOfBinding("emails"));
    }
}
