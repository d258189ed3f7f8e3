package io.celeriac.core.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields of an envelope a worker needs for every message, read in one streaming pass without
 * building a tree (the tree of headers and properties is built only when a message is re-sent).
 *
 * <p>A field of the wrong type does not stop the pass: the first such problem is kept in
 * {@link #problem} with the field's name, and the pass goes on so the message keeps its id (a
 * FAILURE is then stored under it, where the sender can see it).
 */
final class EnvelopeFields {
    boolean isObject;
    String body;
    boolean bodyIsText;
    boolean bodyPresent;
    String contentType;
    String contentEncoding;
    boolean hasHeaders;
    boolean hasProperties;
    String task;
    String id;
    String eta;
    String expires;
    int retries;
    boolean ignoreResult;
    String rootId;
    String parentId;
    String group;
    String compression;
    /** The sender's {@code argsrepr}/{@code kwargsrepr} (what events show), or null; never validated. */
    String argsRepr;
    String kwargsRepr;
    long sentMillis = -1;
    /** Celery's hard and soft time limits in seconds; 0 when not set. */
    double hardLimitSeconds;
    double softLimitSeconds;
    int priority;
    String deliveryTag;
    String bodyEncoding;
    String routingKey;
    /** The first field of the wrong type or out of range, said so that the sender can fix it; null if none. */
    String problem;

    static EnvelopeFields read(JsonParser parser) throws IOException {
        EnvelopeFields f = new EnvelopeFields();
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return f;
        }
        f.isObject = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "body" -> {
                    f.bodyPresent = value != JsonToken.VALUE_NULL;
                    f.bodyIsText = value == JsonToken.VALUE_STRING;
                    f.body = f.bodyIsText ? parser.getText() : null;
                    parser.skipChildren();
                }
                case "content-type" -> f.contentType = f.string(parser, value, "content-type");
                case "content-encoding" -> f.contentEncoding = f.string(parser, value, "content-encoding");
                case "headers" -> {
                    if (value == JsonToken.START_OBJECT) {
                        f.hasHeaders = true;
                        f.readHeaders(parser);
                    } else {
                        f.wrongType("headers", "an object", value);
                        parser.skipChildren();
                    }
                }
                case "properties" -> {
                    if (value == JsonToken.START_OBJECT) {
                        f.hasProperties = true;
                        f.readProperties(parser);
                    } else {
                        f.wrongType("properties", "an object", value);
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return f;
    }

    /** Text when the value is a string, else null: a field only shown to people, never a reason to refuse a message. */
    private static String lenientText(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    private void readHeaders(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "task" -> task = string(parser, value, "headers.task");
                case "id" -> id = scalar(parser, value, "headers.id");
                case "eta" -> eta = string(parser, value, "headers.eta");
                case "expires" -> expires = string(parser, value, "headers.expires");
                // a negative count is read as none done: it must never buy extra retries
                case "retries" -> retries = Math.max(0, integer(parser, value, "headers.retries"));
                case "ignore_result" -> ignoreResult = bool(parser, value, "headers.ignore_result");
                case "root_id" -> rootId = scalar(parser, value, "headers.root_id");
                case "parent_id" -> parentId = scalar(parser, value, "headers.parent_id");
                case "group" -> group = scalar(parser, value, "headers.group");
                case NewTask.SENT_HEADER -> sentMillis = value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                        ? parser.getLongValue() : -1;
                case "timelimit" -> readTimeLimit(parser, value);
                case "compression" -> compression = string(parser, value, "headers.compression");
                case "argsrepr" -> argsRepr = lenientText(parser, value);
                case "kwargsrepr" -> kwargsRepr = lenientText(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    /** Celery's {@code timelimit}: {@code [hard, soft]}, each a number of seconds or null. */
    private void readTimeLimit(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_ARRAY) {
            wrongType("headers.timelimit", "[hard, soft] (numbers or nulls)", value);
            parser.skipChildren();
            return;
        }
        double[] limits = new double[2];
        int n = 0;
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (n >= 2 || !(item.isNumeric() || item == JsonToken.VALUE_NULL)) {
                problem("headers.timelimit must be [hard, soft] with numbers or nulls");
                parser.skipChildren();
            } else if (item.isNumeric()) {
                double seconds = parser.getDoubleValue();
                if (!(seconds >= 0 && seconds <= MAX_LIMIT_SECONDS)) {
                    problem("headers.timelimit holds " + parser.getText() + " s, outside 0-" + (long) MAX_LIMIT_SECONDS + " s");
                } else {
                    limits[n] = seconds;
                }
            }
            n++;
        }
        hardLimitSeconds = limits[0];
        softLimitSeconds = limits[1];
    }

    /** A year: far beyond any task, and small enough that no time arithmetic can overflow. */
    static final double MAX_LIMIT_SECONDS = 366 * 24 * 3600;

    private void readProperties(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "priority" -> priority = integer(parser, value, "properties.priority");
                case "delivery_tag" -> deliveryTag = scalar(parser, value, "properties.delivery_tag");
                case "body_encoding" -> bodyEncoding = string(parser, value, "properties.body_encoding");
                case "delivery_info" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String field = parser.currentName();
                            JsonToken inner = parser.nextToken();
                            if ("routing_key".equals(field)) {
                                routingKey = string(parser, inner, "properties.delivery_info.routing_key");
                            } else {
                                parser.skipChildren();
                            }
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void problem(String text) {
        if (problem == null) {
            problem = text;
        }
    }

    private void wrongType(String field, String expected, JsonToken got) {
        problem(field + " must be " + expected + ", got " + describe(got));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> String.valueOf(token);
        };
    }

    /** A string or null; anything else is a problem (and read as null). */
    private String string(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        if (token != JsonToken.VALUE_NULL) {
            wrongType(field, "a string", token);
            parser.skipChildren();
        }
        return null;
    }

    /** A string or number as text (ids are sometimes numbers), or null; containers are a problem. */
    private String scalar(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            wrongType(field, "a string", token);
            parser.skipChildren();
            return null;
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }

    /** A 32-bit integer; null is 0; anything else is a problem (and read as 0). */
    private int integer(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.INT) {
                return parser.getIntValue();
            }
            problem(field + " is out of range: " + parser.getText());
            return 0;
        }
        if (token != JsonToken.VALUE_NULL) {
            wrongType(field, "an integer", token);
            parser.skipChildren();
        }
        return 0;
    }

    private boolean bool(JsonParser parser, JsonToken token, String field) throws IOException {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        if (token != JsonToken.VALUE_NULL) {
            wrongType(field, "true or false", token);
            parser.skipChildren();
        }
        return false;
    }
}
