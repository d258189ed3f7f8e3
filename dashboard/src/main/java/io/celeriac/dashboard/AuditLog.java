package io.celeriac.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.broker.Keyspace;
import io.celeriac.core.broker.redis.RedisKeys;
import io.celeriac.core.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every action taken on the dashboard (who, what, on what, when), newest first, in a capped Redis list. */
public final class AuditLog {
    /** The newest entries kept; older ones fall off. */
    static final int KEEP = 10_000;
    private static final ObjectMapper JSON = Json.mapper();

    /** One action. */
    public record Entry(Instant at, String user, String action, String target, String outcome) {
    }

    private final Keyspace redis;
    private final String key;

    public AuditLog(Keyspace redis, RedisKeys keys) {
        this.redis = redis;
        this.key = keys.dashboardAudit();
    }

    public void record(Entry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("at", entry.at().toString());
        node.put("user", entry.user());
        node.put("action", entry.action());
        node.put("target", entry.target());
        node.put("outcome", entry.outcome());
        redis.pushCapped(key, node.toString().getBytes(StandardCharsets.UTF_8), KEEP);
    }

    public long size() {
        return redis.lengths(List.of(key)).getOrDefault(key, 0L);
    }

    public List<Entry> page(Paging paging) {
        List<Entry> entries = new ArrayList<>();
        for (byte[] raw : redis.range(key, paging.from(), paging.to())) {
            try {
                JsonNode n = JSON.readTree(raw);
                entries.add(new Entry(Instant.parse(n.path("at").asText()), n.path("user").asText(), n.path("action").asText(),
                        n.path("target").asText(), n.path("outcome").asText()));
            } catch (IOException | RuntimeException e) {
                entries.add(new Entry(Instant.EPOCH, "?", "unreadable entry", new String(raw, StandardCharsets.UTF_8), ""));
            }
        }
        return entries;
    }
}
