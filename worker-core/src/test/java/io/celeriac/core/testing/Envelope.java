package io.celeriac.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A Celery protocol v2 envelope built for a test, valid unless told otherwise: fields are replaced
 * by raw JSON text, so a test can put anything anywhere (a list where a number belongs, a date in
 * the year 999999999, a body in latin-1).
 */
public final class Envelope {
    /** Without Jackson's size limits: tests build messages far over any limit on purpose. */
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());
    private final ObjectNode envelope;

    private Envelope(ObjectNode envelope) {
        this.envelope = envelope;
    }

    /** A valid message for {@code task(args)} with id {@code id} on queue {@code celery}. */
    public static Envelope of(String id, String task, String argsJson) {
        String body = "[" + argsJson + ", {}, {\"callbacks\": null, \"errbacks\": null, \"chain\": null, \"chord\": null}]";
        String text = "{\"body\": \"" + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\","
                + " \"content-encoding\": \"utf-8\", \"content-type\": \"application/json\","
                + " \"headers\": {\"lang\": \"py\", \"task\": null, \"id\": \"" + id + "\", \"shadow\": null,"
                + " \"eta\": null, \"expires\": null, \"group\": null, \"group_index\": null, \"retries\": 0,"
                + " \"timelimit\": [null, null], \"root_id\": \"" + id + "\", \"parent_id\": null, \"argsrepr\": \"\","
                + " \"kwargsrepr\": \"{}\", \"origin\": \"gen1@test\", \"ignore_result\": false},"
                + " \"properties\": {\"correlation_id\": \"" + id + "\", \"reply_to\": \"\", \"delivery_mode\": 2,"
                + " \"delivery_info\": {\"exchange\": \"\", \"routing_key\": \"celery\"}, \"priority\": 0,"
                + " \"body_encoding\": \"base64\", \"delivery_tag\": \"tag-" + id + "\"}}";
        Envelope envelope = new Envelope((ObjectNode) tree(text));
        // set as a value, not spliced into the text: a test's task name may hold anything
        ((ObjectNode) envelope.envelope.get("headers")).put("task", task);
        return envelope;
    }

    /** Wraps any envelope text (a captured fixture, say). */
    public static Envelope parse(String text) {
        return new Envelope((ObjectNode) tree(text));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Envelope header(String name, String rawJson) {
        ((ObjectNode) envelope.get("headers")).set(name, tree(rawJson));
        return this;
    }

    public Envelope property(String name, String rawJson) {
        ((ObjectNode) envelope.get("properties")).set(name, tree(rawJson));
        return this;
    }

    public Envelope field(String name, String rawJson) {
        envelope.set(name, tree(rawJson));
        return this;
    }

    /** The body's bytes (before base64), whatever they are. */
    public Envelope bodyBytes(byte[] body) {
        envelope.put("body", Base64.getEncoder().encodeToString(body));
        return this;
    }

    public Envelope body(String json) {
        return bodyBytes(json.getBytes(StandardCharsets.UTF_8));
    }

    public ObjectNode tree() {
        return envelope;
    }

    public String text() {
        return envelope.toString();
    }

    public byte[] bytes() {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /** The envelope with {@code extra} (raw JSON members) appended after its last member: duplicate keys and such. */
    public byte[] bytesWith(String extra) {
        String text = text();
        return (text.substring(0, text.length() - 1) + ", " + extra + "}").getBytes(StandardCharsets.UTF_8);
    }
}
