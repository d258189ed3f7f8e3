package io.celeriac.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.celeriac.core.internal.LogSafe;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Locale;

/**
 * A message body as kombu writes it on Redis: {@code properties.body_encoding} says how the
 * envelope's {@code body} string carries the bytes (base64, or the text itself), and
 * {@code content-encoding} which character set those bytes are in. Both are honoured when known and
 * refused by name when not. The result is Celery's {@code [args, kwargs, embed]}.
 */
final class BodyReader {
    private final ObjectMapper wire;
    private final MessageLimits limits;
    private final EnvelopeFields f;
    private final String id;

    BodyReader(ObjectMapper wire, MessageLimits limits, EnvelopeFields f, String id) {
        this.wire = wire;
        this.limits = limits;
        this.f = f;
        this.id = id;
    }

    ArrayNode read(byte[] raw) {
        JsonNode body;
        if (f.bodyIsText) {
            body = parse(bytes(), charset());
        } else if (f.bodyPresent) {
            // a body given as a JSON value rather than a string (tolerated, never written)
            body = parseEnvelopeBody(raw);
        } else {
            throw new MalformedMessageException("no body", id);
        }
        if (!(body instanceof ArrayNode array) || array.size() != 3) {
            int size = body.isArray() ? body.size() : -1;
            throw new MalformedMessageException(size < 0
                    ? "body is not a JSON array"
                    : "body has " + size + " elements; protocol v2 needs [args, kwargs, embed]", id);
        }
        return array;
    }

    private byte[] bytes() {
        String encoding = f.bodyEncoding;
        if (encoding == null || encoding.isEmpty()) {
            return f.body.getBytes(StandardCharsets.UTF_8);
        }
        if (!"base64".equals(encoding)) {
            throw new MalformedMessageException("unsupported properties.body_encoding '" + LogSafe.of(encoding, 32)
                    + "' (only base64 is accepted)", id);
        }
        try {
            return Base64.getMimeDecoder().decode(f.body);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("body is not valid base64", id);
        }
    }

    /** The body's character set; only relevant to a base64 body (a text body is already decoded). */
    private Charset charset() {
        String name = f.contentEncoding;
        if (name == null || name.isEmpty() || f.bodyEncoding == null || f.bodyEncoding.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        String normal = name.toLowerCase(Locale.ROOT).replace('_', '-');
        switch (normal) {
            case "utf-8", "utf8" -> {
                return StandardCharsets.UTF_8;
            }
            case "latin-1", "latin1", "l1", "iso-8859-1", "iso8859-1" -> {
                return StandardCharsets.ISO_8859_1;
            }
            case "ascii", "us-ascii" -> {
                return StandardCharsets.US_ASCII;
            }
            case "binary" -> throw new MalformedMessageException(
                    "content-encoding 'binary' is raw bytes, not JSON text: the body cannot be read", id);
            default -> {
                try {
                    return Charset.forName(normal);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new MalformedMessageException("unsupported content-encoding '" + LogSafe.of(name, 32) + "'", id);
                }
            }
        }
    }

    private JsonNode parse(byte[] text, Charset charset) {
        try {
            JsonNode node = charset == StandardCharsets.UTF_8 ? wire.readTree(text) : wire.readTree(decode(text, charset));
            if (node == null || node.isMissingNode()) {
                throw new MalformedMessageException("body is not valid JSON: empty", id);
            }
            return node;
        } catch (IOException e) {
            throw new MalformedMessageException(MessageCodec.jsonProblem("body", e, limits), id);
        }
    }

    private String decode(byte[] text, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("body is not valid " + charset.name() + " text", id);
        }
    }

    private JsonNode parseEnvelopeBody(byte[] raw) {
        try {
            JsonNode body = wire.readTree(raw).get("body");
            if (body == null || body.isNull()) {
                throw new MalformedMessageException("no body", id);
            }
            return body;
        } catch (IOException e) {
            throw new MalformedMessageException(MessageCodec.jsonProblem("envelope", e, limits), id);
        }
    }
}
