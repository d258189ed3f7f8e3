package io.celeriac.core.worker.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated hostile messages: the real captured Celery payloads, aimed at tasks a test worker has,
 * then mutated in every field (values of every JSON type, extremes, control characters, dates no
 * calendar holds, fields removed), in the body (arguments, workflow signatures with impossible
 * queues), in their encodings, and in the raw bytes (flipped, cut, spliced, duplicate keys).
 */
public final class MessageMutations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every field a mutation may touch, as a dotted path from the envelope. */
    static final List<String> PATHS = List.of("body", "content-type", "content-encoding", "headers", "properties",
            "headers.task", "headers.id", "headers.eta", "headers.expires", "headers.retries", "headers.timelimit",
            "headers.ignore_result", "headers.root_id", "headers.parent_id", "headers.group", "headers.compression",
            "headers.celeriac_sent", "headers.lang", "properties.priority", "properties.delivery_tag",
            "properties.body_encoding", "properties.delivery_info", "properties.delivery_info.routing_key");

    /** What a test worker should be able to run, so mutants also reach deep code. */
    static final List<String> TASKS = List.of("celeriac.add", "celeriac.echo", "celeriac.noop", "celery.ping",
            "celeriac.fail", "fuzz.boom", "fuzz.npe", "fuzz.optional", "fuzz.reject", "no.such.task");

    /** One generated message and how it was made (for a failure report). */
    public record Mutant(byte[] raw, String recipe) {
    }

    private MessageMutations() {
    }

    public static Arbitrary<Mutant> mutants(List<byte[]> fixtures, String wrongTypeQueue) {
        Arbitrary<ObjectNode> base = Combinators.combine(Arbitraries.of(fixtures), Arbitraries.of(TASKS),
                Arbitraries.longs()).as((fixture, task, id) -> aimed(fixture, task, id));
        Arbitrary<List<Mutation>> mutations = mutation(wrongTypeQueue).list().ofMinSize(0).ofMaxSize(3);
        Arbitrary<List<RawMutation>> raw = rawMutation().list().ofMinSize(0).ofMaxSize(2);
        return Combinators.combine(base, mutations, raw, Arbitraries.integers().between(0, 9)).as((envelope, fields, bytes, dice) -> {
            StringBuilder recipe = new StringBuilder(envelope.path("headers").path("task").asText());
            for (Mutation m : fields) {
                m.apply(envelope);
                recipe.append(" | ").append(m);
            }
            byte[] out = text(envelope).getBytes(StandardCharsets.UTF_8);
            // most mutants keep valid JSON text so the checks behind the parser are reached too
            if (dice < 3) {
                for (RawMutation r : bytes) {
                    out = r.apply(out);
                    recipe.append(" | ").append(r);
                }
            }
            return new Mutant(out, recipe.toString());
        });
    }

    private static ObjectNode aimed(byte[] fixture, String task, long id) {
        ObjectNode envelope = (ObjectNode) tree(new String(fixture, StandardCharsets.UTF_8));
        ObjectNode headers = (ObjectNode) envelope.get("headers");
        headers.put("task", task);
        String taskId = "fz-" + Long.toHexString(id);
        headers.put("id", taskId);
        headers.put("root_id", taskId);
        headers.putNull("eta");
        ObjectNode properties = (ObjectNode) envelope.get("properties");
        properties.put("delivery_tag", "tag-" + taskId);
        properties.put("priority", 0);
        ((ObjectNode) properties.get("delivery_info")).put("routing_key", "celery");
        return envelope;
    }

    /** A change to one field of the envelope tree. */
    interface Mutation {
        void apply(ObjectNode envelope);
    }

    record SetField(String path, JsonNode value) implements Mutation {
        public void apply(ObjectNode envelope) {
            ObjectNode parent = parent(envelope, path);
            if (parent != null) {
                parent.set(leaf(path), value);
            }
        }

        public String toString() {
            return path + "=" + abbreviate(value.toString());
        }
    }

    record RemoveField(String path) implements Mutation {
        public void apply(ObjectNode envelope) {
            ObjectNode parent = parent(envelope, path);
            if (parent != null) {
                parent.remove(leaf(path));
            }
        }

        public String toString() {
            return "remove " + path;
        }
    }

    /** A new body: [args, kwargs, embed] from generated parts, or raw bytes, base64-encoded as kombu does. */
    record NewBody(byte[] body, String what) implements Mutation {
        public void apply(ObjectNode envelope) {
            envelope.put("body", Base64.getEncoder().encodeToString(body));
        }

        public String toString() {
            return "body " + abbreviate(what);
        }
    }

    static Arbitrary<Mutation> mutation(String wrongTypeQueue) {
        Arbitrary<Mutation> set = Combinators.combine(Arbitraries.of(PATHS), jsonValue(3)).as(SetField::new);
        Arbitrary<Mutation> remove = Arbitraries.of(PATHS).map(RemoveField::new);
        Arbitrary<Mutation> body = Combinators.combine(jsonValue(3), jsonValue(2), embed(wrongTypeQueue)).as((args, kwargs, embed) -> {
            ArrayNode parts = NODES.arrayNode().add(args).add(kwargs).add(embed);
            return new NewBody(parts.toString().getBytes(StandardCharsets.UTF_8), parts.toString());
        });
        Arbitrary<Mutation> goodBody = Combinators.combine(jsonValue(2).list().ofMaxSize(3), embed(wrongTypeQueue)).as((args, embed) -> {
            ArrayNode list = NODES.arrayNode();
            args.forEach(list::add);
            ArrayNode parts = NODES.arrayNode().add(list).add(NODES.objectNode()).add(embed);
            return new NewBody(parts.toString().getBytes(StandardCharsets.UTF_8), parts.toString());
        });
        Arbitrary<Mutation> rawBody = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(b -> new NewBody(b, "random bytes")),
                Arbitraries.of("[[NaN, Infinity, -Infinity], {}, null]", "[[1], {}]", "[[1], {}, null, 4]", "{}", "[",
                        "[[\"\\ud800\"], {}, null]", "[[1e999999], {}, null]", "[" + "[".repeat(200) + "]".repeat(200) + ", {}, null]",
                        "[[\"" + "z".repeat(20_000) + "\"], {}, null]").map(t -> new NewBody(t.getBytes(StandardCharsets.UTF_8), t)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, set), net.jqwik.api.Tuple.of(2, remove), net.jqwik.api.Tuple.of(2, body),
                net.jqwik.api.Tuple.of(3, goodBody), net.jqwik.api.Tuple.of(2, rawBody));
    }

    /** An embed with workflow signatures aimed at the worker's queue, at impossible queues and at a key of another type. */
    static Arbitrary<JsonNode> embed(String wrongTypeQueue) {
        Arbitrary<JsonNode> signature = Combinators.combine(Arbitraries.of(TASKS), jsonValue(2),
                Arbitraries.of("celery", "celery", "a\nb", wrongTypeQueue, "x".repeat(300), "", "q with space"),
                Arbitraries.of("null", "\"chord\"", "\"group\""), Arbitraries.integers().between(-5, 300))
                .as((task, args, queue, type, priority) -> {
                    ObjectNode sig = NODES.objectNode().put("task", task);
                    sig.set("args", args.isArray() ? args : NODES.arrayNode().add(args));
                    sig.putObject("kwargs");
                    sig.putObject("options").put("queue", queue).put("priority", priority);
                    sig.set("subtask_type", tree(type));
                    return (JsonNode) sig;
                });
        return Combinators.combine(signature.list().ofMaxSize(2), signature.list().ofMaxSize(2),
                signature.list().ofMaxSize(2), Arbitraries.of(0, 1, 2, 3, 4)).as((chain, callbacks, errbacks, shape) -> {
                    ObjectNode embed = NODES.objectNode();
                    embed.set("callbacks", shape == 1 ? list(callbacks) : NODES.nullNode());
                    embed.set("errbacks", shape == 2 ? list(errbacks) : NODES.nullNode());
                    embed.set("chain", shape == 3 ? list(chain) : NODES.nullNode());
                    embed.set("chord", shape == 4 && !chain.isEmpty() ? chain.get(0) : NODES.nullNode());
                    return (JsonNode) embed;
                });
    }

    /** JSON values of every type, with the extremes and the texts that break naive code. */
    static Arbitrary<JsonNode> jsonValue(int depth) {
        List<Arbitrary<JsonNode>> leaves = new ArrayList<>(List.of(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, 1L << 40).map(l -> (JsonNode) NODES.numberNode(l)),
                Arbitraries.just((JsonNode) NODES.numberNode(new BigInteger("123456789012345678901234567890"))),
                Arbitraries.doubles().map(d -> (JsonNode) NODES.numberNode(d)),
                Arbitraries.strings().ofMaxLength(40).map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.strings().all().ofMaxLength(12).map(s -> (JsonNode) NODES.textNode(s)),
                Arbitraries.of("2026-12-07T10:00:00+00:00", "2999-01-01T00:00:00", "+999999999-12-31T23:59:59+00:00",
                        "-999999999-01-01T00:00:00+00:00", "0000-00-00", "yesterday", "2026-02-30T00:00:00",
                        "utf-8", "latin-1", "binary", "utf-16", "base64", "hex", "application/json",
                        "application/x-python-serialize", "zlib", "celery", "a\nb", "\u0000", "x\n12:00:00 ERROR FORGED")
                        .map(s -> (JsonNode) NODES.textNode(s))));
        if (depth > 0) {
            Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> jsonValue(depth - 1));
            leaves.add(inner.list().ofMaxSize(3).map(MessageMutations::list));
            leaves.add(Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), inner).as((k, v) -> {
                ObjectNode o = NODES.objectNode();
                o.set(k, v);
                return (JsonNode) o;
            }));
        }
        return Arbitraries.oneOf(leaves);
    }

    /** A change to the final bytes. */
    interface RawMutation {
        byte[] apply(byte[] raw);
    }

    static Arbitrary<RawMutation> rawMutation() {
        Arbitrary<RawMutation> flip = Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
                .as((at, value) -> new RawMutation() {
                    public byte[] apply(byte[] raw) {
                        if (raw.length == 0) {
                            return raw;
                        }
                        byte[] out = raw.clone();
                        out[at % out.length] = value;
                        return out;
                    }

                    public String toString() {
                        return "byte@" + at + "=" + value;
                    }
                });
        Arbitrary<RawMutation> cut = Arbitraries.integers().greaterOrEqual(0).map(at -> new RawMutation() {
            public byte[] apply(byte[] raw) {
                return raw.length == 0 ? raw : java.util.Arrays.copyOf(raw, at % raw.length);
            }

            public String toString() {
                return "cut@" + at;
            }
        });
        Arbitrary<RawMutation> duplicate = Arbitraries.of("\"headers\": \"oops\"", "\"properties\": []", "\"body\": 7",
                "\"content-type\": \"text/plain\"").map(extra -> new RawMutation() {
                    public byte[] apply(byte[] raw) {
                        String text = new String(raw, StandardCharsets.UTF_8);
                        int end = text.lastIndexOf('}');
                        return end < 0 ? raw : (text.substring(0, end) + ", " + extra + text.substring(end)).getBytes(StandardCharsets.UTF_8);
                    }

                    public String toString() {
                        return "append " + extra;
                    }
                });
        return Arbitraries.oneOf(flip, cut, duplicate);
    }

    private static ArrayNode list(List<JsonNode> items) {
        ArrayNode list = NODES.arrayNode();
        items.forEach(list::add);
        return list;
    }

    private static ObjectNode parent(ObjectNode envelope, String path) {
        String[] parts = path.split("\\.");
        JsonNode node = envelope;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.get(parts[i]);
            if (!(node instanceof ObjectNode)) {
                return null;
            }
        }
        return (ObjectNode) node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String text(JsonNode node) {
        return node.toString();
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String abbreviate(String text) {
        String safe = io.celeriac.core.internal.LogSafe.of(text, 80);
        return safe;
    }
}
