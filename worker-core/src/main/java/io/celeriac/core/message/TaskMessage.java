package io.celeriac.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * One decoded Celery task message (protocol v2). The fields a worker needs for every message are
 * read eagerly; the full header and property objects, needed only to re-send a message (a retry),
 * are built on first use, so a retry still carries every header it was given, including ones this
 * version does not know (stamps, for example).
 */
public final class TaskMessage {
    private final String id;
    private final String task;
    private final ArrayNode args;
    private final ObjectNode kwargs;
    private final JsonNode embed;
    private final int retries;
    private final Instant eta;
    private final Instant expires;
    private final int priority;
    private final String routingKey;
    private final String deliveryTag;
    private final String rootId;
    private final String parentId;
    private final String group;
    private final boolean ignoreResult;
    private final long sentMillis;
    private final Duration hardLimit;
    private final Duration softLimit;
    private final Supplier<ObjectNode[]> trees;
    private ObjectNode[] headersAndProperties;
    /** The sender's argsrepr and kwargsrepr, when read with the eager fields (else from the headers). */
    private String argsRepr;
    private String kwargsRepr;
    private boolean reprsRead;

    /**
     * @param trees builds {headers, properties} when first asked for
     */
    public TaskMessage(String id, String task, ArrayNode args, ObjectNode kwargs, JsonNode embed, int retries,
                       Instant eta, Instant expires, int priority, String routingKey, String deliveryTag,
                       String rootId, String parentId, String group, boolean ignoreResult, long sentMillis,
                       Duration hardLimit, Duration softLimit, Supplier<ObjectNode[]> trees) {
        this.id = id;
        this.task = task;
        this.args = args;
        this.kwargs = kwargs;
        this.embed = embed;
        this.retries = retries;
        this.eta = eta;
        this.expires = expires;
        this.priority = priority;
        this.routingKey = routingKey;
        this.deliveryTag = deliveryTag;
        this.rootId = rootId;
        this.parentId = parentId;
        this.group = group;
        this.ignoreResult = ignoreResult;
        this.sentMillis = sentMillis;
        this.hardLimit = hardLimit;
        this.softLimit = softLimit;
        this.trees = trees;
    }

    /** A message built in memory, its headers and properties known. */
    static TaskMessage of(ObjectNode headers, ObjectNode properties, ArrayNode args, ObjectNode kwargs, JsonNode embed) {
        ObjectNode[] both = {headers, properties};
        return new TaskMessage(headers.path("id").asText(), headers.path("task").asText(), args, kwargs, embed,
                headers.path("retries").asInt(0), time(headers.get("eta")), time(headers.get("expires")),
                properties.path("priority").asInt(0), properties.path("delivery_info").path("routing_key").asText(""),
                properties.path("delivery_tag").asText(), text(headers.get("root_id")), text(headers.get("parent_id")),
                text(headers.get("group")), headers.path("ignore_result").asBoolean(false),
                headers.path(NewTask.SENT_HEADER).asLong(-1), null, null, () -> both);
    }

    private static Instant time(JsonNode node) {
        return node == null || node.isNull() ? null : CeleryTime.parse(node.asText());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** task id ({@code headers.id}) */
    public String id() {
        return id;
    }

    /** registered task name ({@code headers.task}) */
    public String task() {
        return task;
    }

    public ArrayNode args() {
        return args;
    }

    public ObjectNode kwargs() {
        return kwargs;
    }

    /** callbacks, errbacks, chain and chord; may be a JSON null */
    public JsonNode embed() {
        return embed;
    }

    /** retries already done */
    public int retries() {
        return retries;
    }

    /** do not run before this instant, or null */
    public Instant eta() {
        return eta;
    }

    /** revoke instead of running after this instant, or null */
    public Instant expires() {
        return expires;
    }

    /** 0-9, lower is served first on Redis */
    public int priority() {
        return priority;
    }

    /** the queue it was sent to ({@code delivery_info.routing_key}) */
    public String routingKey() {
        return routingKey;
    }

    /** unique per publish */
    public String deliveryTag() {
        return deliveryTag;
    }

    public String rootId() {
        return rootId;
    }

    public String parentId() {
        return parentId;
    }

    public String group() {
        return group;
    }

    public boolean ignoreResult() {
        return ignoreResult;
    }

    /** The sender's time limit (Celery's {@code timelimit} header, the earlier of hard and soft), or null. */
    public Duration timeLimit() {
        if (hardLimit == null || softLimit == null) {
            return hardLimit != null ? hardLimit : softLimit;
        }
        return hardLimit.compareTo(softLimit) <= 0 ? hardLimit : softLimit;
    }

    /** The sender's hard time limit ({@code timelimit[0]}), or null. */
    public Duration hardLimit() {
        return hardLimit;
    }

    /** The sender's soft time limit ({@code timelimit[1]}), or null. */
    public Duration softLimit() {
        return softLimit;
    }

    /** When a Celeriac producer sent it (epoch ms), -1 when unknown (Python senders). */
    public long sentMillis() {
        return sentMillis;
    }

    /** The same message with another embed (the next link of a chain carries the rest of the chain). */
    public TaskMessage withEmbed(JsonNode newEmbed) {
        ObjectNode[] both = {headers(), properties()};
        return new TaskMessage(id, task, args, kwargs, newEmbed, retries, eta, expires, priority, routingKey, deliveryTag,
                rootId, parentId, group, ignoreResult, sentMillis, hardLimit, softLimit, () -> both);
    }

    /** Sets the sender's reprs read in the eager pass, so events need not build the headers. */
    TaskMessage reprs(String args, String kwargs) {
        this.argsRepr = args;
        this.kwargsRepr = kwargs;
        this.reprsRead = true;
        return this;
    }

    /** The sender's {@code argsrepr} header (what Celery's events and Flower show), or null when it sent none. */
    public String argsRepr() {
        return reprsRead ? argsRepr : textHeader("argsrepr");
    }

    /** The sender's {@code kwargsrepr} header, or null when it sent none. */
    public String kwargsRepr() {
        return reprsRead ? kwargsRepr : textHeader("kwargsrepr");
    }

    private String textHeader(String name) {
        JsonNode value = headers().get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** Every header, as received. */
    public synchronized ObjectNode headers() {
        if (headersAndProperties == null) {
            headersAndProperties = trees.get();
        }
        return headersAndProperties[0];
    }

    /** Every property, as received. */
    public ObjectNode properties() {
        headers();
        return headersAndProperties[1];
    }
}
