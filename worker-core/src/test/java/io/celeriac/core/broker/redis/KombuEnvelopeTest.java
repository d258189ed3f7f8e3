package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The envelope written in one pass is kombu's, byte for byte as the tree it replaced, and reads back. */
class KombuEnvelopeTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_bytes_are_kombus_envelope_in_kombus_field_order_and_read_back() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("type", "task-sent").put("args", "('é', \"q\")").put("clock", 3);
        ObjectNode headers = JSON.createObjectNode().put("hostname", "gen1@h");
        KombuEnvelope envelope = new KombuEnvelope(body, headers, "celeryev", "task.sent");

        ObjectNode expected = JSON.createObjectNode();
        expected.put("body", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(body)));
        expected.put("content-encoding", "utf-8");
        expected.put("content-type", "application/json");
        expected.set("headers", headers);
        ObjectNode properties = expected.putObject("properties");
        properties.put("delivery_mode", 1);
        properties.putObject("delivery_info").put("exchange", "celeryev").put("routing_key", "task.sent");
        properties.put("priority", 0);
        properties.put("body_encoding", "base64");
        properties.put("delivery_tag", "tag-1");

        byte[] written = envelope.writeBytes("tag-1", false);
        assertEquals(JSON.writeValueAsString(expected), new String(written, StandardCharsets.UTF_8));
        assertEquals(new String(written, StandardCharsets.UTF_8), envelope.write("tag-1", false));
        KombuEnvelope read = KombuEnvelope.parse(new String(written, StandardCharsets.UTF_8));
        assertEquals(body, read.body());
        assertEquals(headers, read.headers());
        assertEquals("task.sent", read.routingKey());
        assertEquals(2, JSON.readTree(envelope.writeBytes("t", true)).path("properties").path("delivery_mode").asInt());
    }
}
