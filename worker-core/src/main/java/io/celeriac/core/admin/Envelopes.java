package io.celeriac.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.celeriac.core.broker.DeadLetterEntry;
import io.celeriac.core.message.MessageCodec;
import io.celeriac.core.message.TaskMessage;
import java.io.IOException;

/**
 * Lenient reading of what sits in Redis. An admin view must show a broken message rather than
 * fail on it, so every method here returns null for what it cannot read.
 */
final class Envelopes {
    private final MessageCodec codec;

    Envelopes(MessageCodec codec) {
        this.codec = codec;
    }

    MessageCodec codec() {
        return codec;
    }

    /** One message of a kombu Python worker's {@code unacked} hash: {@code [envelope, exchange, routing_key]}. */
    record Unacked(String envelope, String routingKey) {
    }

    TaskMessage decode(String raw) {
        try {
            return codec.decode(raw);
        } catch (RuntimeException e) {
            return null;
        }
    }

    TaskMessage decode(byte[] raw) {
        try {
            return codec.decode(raw);
        } catch (RuntimeException e) {
            return null;
        }
    }

    Unacked unacked(String value) {
        JsonNode node = tree(value);
        if (node == null || !node.isArray() || node.size() < 3) {
            return null;
        }
        JsonNode envelope = node.get(0);
        return new Unacked(envelope.isTextual() ? envelope.asText() : envelope.toString(), node.get(2).asText(""));
    }

    DeadLetterEntry deadLetter(byte[] stored) {
        return DeadLetterEntry.decode(stored);
    }

    DeadLetterEntry deadLetter(String stored) {
        return DeadLetterEntry.decode(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A delayed-set member is {@code "<target list>\n<envelope>"}; index 0 is the target. */
    static String[] delayedMember(String member) {
        int split = member.indexOf('\n');
        return split < 0 ? new String[] {"", member} : new String[] {member.substring(0, split), member.substring(split + 1)};
    }

    private JsonNode tree(String text) {
        try {
            return codec.json().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
