package io.celeriac.core.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private final ObjectMapper json = Json.mapper();
    private final MessageCodec codec = new MessageCodec(json);

    static String fixture(String name) {
        try (InputStream in = MessageCodecTest.class.getResourceAsStream("/celery-fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("fixture " + name + " is missing", e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-send_task-countdown-priority3.lpush.json", "02-send_task-plain.lpush.json",
            "04-retry-republish.lpush.json", "05-restored-redelivered.rpush.json",
            "06-apply_async-priority9-expires.lpush.json", "07-chord-header-member.lpush.json",
            "08-chain-first-link.lpush.json", "40-beat-sent-priority6.lpush.json"})
    void every_captured_task_message_decodes(String name) {
        TaskMessage message = codec.decode(fixture(name));
        assertNotNull(message.id());
        assertNotNull(message.task());
        assertNotNull(message.deliveryTag());
        assertFalse(message.routingKey().isEmpty());
    }

    @Test
    void the_senders_reprs_are_read_with_the_eager_fields_and_a_strange_one_is_no_reason_to_refuse() {
        TaskMessage m = codec.decode(fixture("02-send_task-plain.lpush.json"));
        assertEquals("[2, 3]", m.argsRepr());
        assertEquals("{}", m.kwargsRepr());
        assertEquals(m.headers().path("argsrepr").asText(), m.argsRepr(), "the same as the headers say");

        String odd = fixture("02-send_task-plain.lpush.json").replace("\"argsrepr\": \"[2, 3]\"", "\"argsrepr\": 7")
                .replace("\"kwargsrepr\": \"{}\"", "\"kwargsrepr\": {\"x\": [1]}");
        TaskMessage strange = codec.decode(odd);
        assertEquals(null, strange.argsRepr());
        assertEquals(null, strange.kwargsRepr());
        assertEquals("[2,3]", strange.args().toString());
    }

    @Test
    void python_send_task_with_countdown_and_priority_reads_as_sent() {
        TaskMessage m = codec.decode(fixture("01-send_task-countdown-priority3.lpush.json"));
        assertEquals("x.y", m.task());
        assertEquals("0cde07b0-e727-4a35-8674-c82782afffa9", m.id());
        assertEquals("[1,2]", m.args().toString());
        assertEquals("{\"a\":1}", m.kwargs().toString());
        assertEquals(Instant.parse("2026-11-22T05:01:14.120219Z"), m.eta());
        assertEquals(3, m.priority());
        assertEquals("ai_tasks", m.routingKey());
        assertEquals(0, m.retries());
    }

    @Test
    void the_unacked_hash_value_holds_an_envelope_we_can_decode() throws IOException {
        JsonNode value = json.readTree(fixture("03-unacked-hash-value.json"));
        TaskMessage m = codec.decode(value.get(0).toString());
        assertEquals("x.add", m.task());
        assertEquals("celery", value.get(2).asText());
    }

    @Test
    void retried_message_carries_retries_parent_and_eta() {
        TaskMessage m = codec.decode(fixture("04-retry-republish.lpush.json"));
        assertEquals(1, m.retries());
        assertEquals(m.id(), m.parentId());
        assertNotNull(m.eta());
    }

    @Test
    void expires_and_workflow_fields_are_read() {
        TaskMessage expiring = codec.decode(fixture("06-apply_async-priority9-expires.lpush.json"));
        assertEquals(Instant.parse("2026-11-22T05:14:37.057879Z"), expiring.expires());
        assertEquals(9, expiring.priority());
        TaskMessage chord = codec.decode(fixture("07-chord-header-member.lpush.json"));
        assertEquals("5bdec298-3c01-475f-aefd-dd2a10ee5fd5", chord.group());
        assertEquals("x.xsum", chord.embed().path("chord").path("task").asText());
        TaskMessage chain = codec.decode(fixture("08-chain-first-link.lpush.json"));
        assertEquals("x.add", chain.embed().path("chain").get(0).path("task").asText());
    }

    @Test
    void encoding_round_trips_and_keeps_headers_we_do_not_know() {
        TaskMessage original = codec.decode(fixture("05-restored-redelivered.rpush.json"));
        TaskMessage again = codec.decode(codec.encode(original));
        assertEquals(original.id(), again.id());
        assertEquals(original.args(), again.args());
        assertEquals(original.eta(), again.eta());
        assertTrue(again.headers().path("redelivered").asBoolean());
    }

    @Test
    void a_new_message_has_the_full_python_header_set() throws IOException {
        TaskMessage m = NewTask.create("id-1", "celeriac.add", json.createArrayNode().add(2).add(3),
                json.createObjectNode().put("a", "x"), "celery", 4, null, null, false, "gen1@host", "tag-1", null, null);
        JsonNode envelope = json.readTree(codec.encode(m));
        JsonNode python = json.readTree(fixture("02-send_task-plain.lpush.json"));
        python.get("headers").fieldNames().forEachRemaining(field ->
                assertTrue(envelope.get("headers").has(field), "header " + field));
        python.get("properties").fieldNames().forEachRemaining(field ->
                assertTrue(envelope.get("properties").has(field), "property " + field));
        assertEquals("[2, 3]", envelope.at("/headers/argsrepr").asText());
        assertEquals("{'a': 'x'}", envelope.at("/headers/kwargsrepr").asText());
        String body = new String(Base64.getDecoder().decode(envelope.get("body").asText()), StandardCharsets.UTF_8);
        assertEquals("[[2,3],{\"a\":\"x\"},{\"callbacks\":null,\"errbacks\":null,\"chain\":null,\"chord\":null}]", body);
        assertEquals(4, envelope.at("/properties/priority").asInt());
    }

    @Test
    void raw_json_body_without_base64_is_accepted() {
        String raw = "{\"body\": \"[[5],{},{}]\", \"content-type\": \"application/json\", \"content-encoding\": \"utf-8\","
                + " \"headers\": {\"task\": \"t\", \"id\": \"i\"}, \"properties\": {\"delivery_tag\": \"d\"}}";
        TaskMessage m = codec.decode(raw);
        assertEquals(5, m.args().get(0).asInt());
        assertNull(m.eta());
    }

    @Test
    void the_earlier_of_the_hard_and_soft_time_limits_is_read() {
        String raw = "{\"body\": \"[[], {}, {}]\", \"content-type\": \"application/json\","
                + " \"headers\": {\"task\": \"t\", \"id\": \"i\", \"timelimit\": [30, 12.5]}, \"properties\": {\"delivery_tag\": \"d\"}}";
        assertEquals(java.time.Duration.ofMillis(12_500), codec.decode(raw).timeLimit());
        assertNull(codec.decode(fixture("02-send_task-plain.lpush.json")).timeLimit(), "[null, null] is no limit");
    }

    @Test
    void naive_and_zulu_times_are_utc() {
        assertEquals(Instant.parse("2026-11-22T05:05:04.190Z"), CeleryTime.parse("2026-11-22T05:05:04.19"));
        assertEquals(Instant.parse("2026-11-22T05:05:04Z"), CeleryTime.parse("2026-11-22T05:05:04Z"));
        assertEquals("2026-11-22T05:05:04.190000+00:00", CeleryTime.format(Instant.parse("2026-11-22T05:05:04.19Z")));
    }

    @Test
    void malformed_messages_are_refused_with_a_reason() {
        String good = fixture("02-send_task-plain.lpush.json");
        assertReason("envelope is not valid JSON", "{not json");
        assertReason("unsupported content type 'application/x-python-serialize'",
                good.replace("application/json", "application/x-python-serialize"));
        assertReason("no properties.delivery_tag", good.replace("\"delivery_tag\"", "\"other_tag\""));
        String twoElements = Base64.getEncoder().encodeToString("[[5,6],{\"a\":1}]".getBytes(StandardCharsets.UTF_8));
        String body = good.substring(good.indexOf("\"body\": \"") + 9, good.indexOf("\", \"content-encoding\""));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(good.replace(body, twoElements)));
        assertTrue(e.getMessage().contains("body has 2 elements"), e.getMessage());
        assertEquals("e9a68ab4-fd71-406b-92bf-7fbb5c7a97f6", e.taskId());
        assertReason("no headers.task", good.replace("\"task\": \"x.add\", ", ""));
    }

    private void assertReason(String expected, String raw) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> codec.decode(raw));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10-result-success.setex.json", "11-result-failure.setex.json", "12-result-retry.setex.json",
            "13-result-success-after-retry.setex.json", "14-result-extended-success.setex.json", "15-result-notregistered.setex.json"})
    void every_captured_result_reads(String name) throws IOException {
        ResultMeta meta = ResultMeta.fromJson(json.readTree(fixture(name)));
        assertNotNull(meta.taskId());
        assertEquals(meta.status().isReady(), meta.dateDone() != null);
    }

    @Test
    void results_we_write_have_the_fields_python_reads() throws IOException {
        ResultMeta failure = new ResultMeta("id", TaskState.FAILURE,
                ExceptionInfo.of(new IllegalStateException("bad state")).toJson(), "trace", Instant.parse("2026-11-22T05:02:08.541020Z"),
                null, null, null);
        JsonNode written = failure.toJson();
        JsonNode python = json.readTree(fixture("11-result-failure.setex.json"));
        python.fieldNames().forEachRemaining(field -> assertTrue(written.has(field), field));
        assertEquals("IllegalStateException", written.at("/result/exc_type").asText());
        assertEquals("java.lang", written.at("/result/exc_module").asText());
        assertEquals("bad state", written.at("/result/exc_message/0").asText());
        assertEquals("2026-11-22T05:02:08.541020+00:00", written.get("date_done").asText());
        assertEquals(JsonNodeFactory.instance.arrayNode(), written.get("children"));
    }
}
