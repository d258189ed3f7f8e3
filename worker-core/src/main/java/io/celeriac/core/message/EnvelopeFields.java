package io.celeriac.core.message;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields of an envelope a worker needs for every message, read in one streaming pass without
 * building a tree (the tree of headers and properties is built only when a message is re-sent).
 */
final class EnvelopeFields {
    boolean isObject;
    String body;
    boolean bodyIsText;
    String contentType;
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
    boolean compressed;
    long sentMillis = -1;
    /** The earlier of Celery's hard and soft time limits, in seconds; 0 when neither is set. */
    double timeLimitSeconds;
    int priority;
    String deliveryTag;
    String bodyEncoding;
    String routingKey;

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
                    f.bodyIsText = value == JsonToken.VALUE_STRING;
                    f.body = f.bodyIsText ? parser.getText() : null;
                    parser.skipChildren();
                }
                case "content-type" -> f.contentType = scalar(parser, value);
                case "headers" -> {
                    if (value == JsonToken.START_OBJECT) {
                        f.hasHeaders = true;
                        f.readHeaders(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "properties" -> {
                    if (value == JsonToken.START_OBJECT) {
                        f.hasProperties = true;
                        f.readProperties(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return f;
    }

    private void readHeaders(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "task" -> task = scalar(parser, value);
                case "id" -> id = scalar(parser, value);
                case "eta" -> eta = scalar(parser, value);
                case "expires" -> expires = scalar(parser, value);
                case "retries" -> retries = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                case "ignore_result" -> ignoreResult = value == JsonToken.VALUE_TRUE;
                case "root_id" -> rootId = scalar(parser, value);
                case "parent_id" -> parentId = scalar(parser, value);
                case "group" -> group = scalar(parser, value);
                case NewTask.SENT_HEADER -> sentMillis = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                case "timelimit" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            if (parser.currentToken().isNumeric() && parser.getDoubleValue() > 0) {
                                double limit = parser.getDoubleValue();
                                timeLimitSeconds = timeLimitSeconds == 0 ? limit : Math.min(timeLimitSeconds, limit);
                            }
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                case "compression" -> {
                    compressed = value != JsonToken.VALUE_NULL;
                    parser.skipChildren();
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void readProperties(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "priority" -> priority = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                case "delivery_tag" -> deliveryTag = scalar(parser, value);
                case "body_encoding" -> bodyEncoding = scalar(parser, value);
                case "delivery_info" -> {
                    if (value == JsonToken.START_OBJECT) {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String field = parser.currentName();
                            JsonToken inner = parser.nextToken();
                            if ("routing_key".equals(field)) {
                                routingKey = scalar(parser, inner);
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

    /** A scalar as text (numbers too: ids are sometimes numbers), null for JSON null and containers. */
    private static String scalar(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        return token == JsonToken.VALUE_NULL ? null : parser.getText();
    }
}
