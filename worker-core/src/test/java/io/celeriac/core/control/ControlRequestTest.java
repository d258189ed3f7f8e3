package io.celeriac.core.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.broker.redis.KombuEnvelope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests as Celery 5.2 sends them (captured fixtures), and who they are addressed to. */
class ControlRequestTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = ControlRequestTest.class.getResourceAsStream("/celery-fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void reads_celerys_ping_broadcast() throws IOException {
        KombuEnvelope envelope = KombuEnvelope.parse(fixture("20-pidbox-ping-request.publish.json"));
        assertEquals("celery.pidbox", envelope.exchange());
        assertEquals(1, envelope.headers().path("clock").asInt());
        ControlRequest request = ControlRequest.of(envelope.body());
        assertEquals("ping", request.method());
        assertEquals("6fc607f2-dcbf-454a-8f0b-d2a416de21e4", request.ticket());
        assertEquals("20fca141-6e5c-3325-b76e-f98b91de9ffa", request.replyTo());
        assertTrue(request.addressedTo("anyone@anywhere"));
    }

    @Test
    void a_revoke_without_reply_has_no_ticket() throws IOException {
        ControlRequest request = ControlRequest.of(KombuEnvelope.parse(fixture("27-pidbox-revoke-terminate-noreply.publish.json")).body());
        assertEquals("revoke", request.method());
        assertTrue(request.arguments().path("terminate").asBoolean());
        assertNull(request.ticket());
        assertNull(request.replyTo());
    }

    @Test
    void our_request_reads_back_the_same() {
        ControlRequest sent = new ControlRequest("rate_limit", JsonNodeFactory.instance.objectNode().put("task_name", "a"),
                List.of("w1@h"), null, null, "t", "oid");
        assertEquals(sent, ControlRequest.of(sent.toJson()));
    }

    @Test
    void destination_and_patterns_pick_nodes_as_kombu_does() {
        var args = JsonNodeFactory.instance.objectNode();
        assertTrue(new ControlRequest("ping", args, List.of("a@h", "b@h"), null, null, null, null).addressedTo("b@h"));
        assertFalse(new ControlRequest("ping", args, List.of("a@h"), null, null, null, null).addressedTo("b@h"));
        assertTrue(new ControlRequest("ping", args, null, "celery@*", null, null, null).addressedTo("celery@web1"));
        assertFalse(new ControlRequest("ping", args, null, "celery@*", null, null, null).addressedTo("java@web1"));
        assertTrue(new ControlRequest("ping", args, null, "w[0-9]@h", "glob", null, null).addressedTo("w7@h"));
        assertTrue(new ControlRequest("ping", args, null, "^java-\\d+", "pcre", null, null).addressedTo("java-12@h"));
        assertFalse(new ControlRequest("ping", args, null, "^java-\\d+", "pcre", null, null).addressedTo("py@h"));
    }

    @Test
    void a_body_without_a_method_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> ControlRequest.of(JsonNodeFactory.instance.objectNode()));
        assertThrows(IllegalArgumentException.class, () -> KombuEnvelope.parse("{not json"));
        assertThrows(IllegalArgumentException.class, () -> KombuEnvelope.parse("[1,2]"));
    }

    @Test
    void node_names_expand_like_celerys() {
        assertEquals("celery@web1.example.com", NodeNames.expand("celery@%h", "web1.example.com"));
        assertEquals("w@web1", NodeNames.expand("w@%n", "web1.example.com"));
        assertEquals("w-0@example.com", NodeNames.expand("w-%i@%d", "web1.example.com"));
        assertEquals("w%@h", NodeNames.expand("w%%@h", "x"));
    }
}
