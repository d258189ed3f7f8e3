package io.celeriac.core.client;

import io.celeriac.core.flow.Unique;
import java.time.Duration;
import java.time.Instant;

/**
 * How to send one task; every field is optional.
 *
 * @param queue        explicit queue (wins over routes)
 * @param priority     0-9, lower is served first; null for 0
 * @param countdown    run no sooner than this from now
 * @param eta          run no sooner than this instant (wins over countdown)
 * @param expires      revoke instead of running after this instant
 * @param taskId       a chosen id (sending the same id twice sends two messages)
 * @param ignoreResult store no result
 * @param parentId     the id of the task sending this one
 * @param rootId       the first task of the workflow
 * @param unique       send it only if no duplicate holds its lock ({@link Unique}); null: always
 */
public record SendOptions(String queue, Integer priority, Duration countdown, Instant eta, Instant expires,
                          String taskId, boolean ignoreResult, String parentId, String rootId, Unique unique) {

    public static SendOptions defaults() {
        return new SendOptions(null, null, null, null, null, null, false, null, null, null);
    }

    public SendOptions queue(String q) {
        return new SendOptions(q, priority, countdown, eta, expires, taskId, ignoreResult, parentId, rootId, unique);
    }

    public SendOptions priority(int p) {
        return new SendOptions(queue, p, countdown, eta, expires, taskId, ignoreResult, parentId, rootId, unique);
    }

    public SendOptions countdown(Duration c) {
        return new SendOptions(queue, priority, c, eta, expires, taskId, ignoreResult, parentId, rootId, unique);
    }

    public SendOptions eta(Instant e) {
        return new SendOptions(queue, priority, countdown, e, expires, taskId, ignoreResult, parentId, rootId, unique);
    }

    public SendOptions expires(Instant e) {
        return new SendOptions(queue, priority, countdown, eta, e, taskId, ignoreResult, parentId, rootId, unique);
    }

    public SendOptions taskId(String id) {
        return new SendOptions(queue, priority, countdown, eta, expires, id, ignoreResult, parentId, rootId, unique);
    }

    public SendOptions ignoreResult(boolean ignore) {
        return new SendOptions(queue, priority, countdown, eta, expires, taskId, ignore, parentId, rootId, unique);
    }

    public SendOptions parent(String parent, String root) {
        return new SendOptions(queue, priority, countdown, eta, expires, taskId, ignoreResult, parent, root, unique);
    }

    /** Unique: a duplicate send returns the task that holds the lock ({@link AsyncResult#duplicate()}). */
    public SendOptions unique(Unique u) {
        return new SendOptions(queue, priority, countdown, eta, expires, taskId, ignoreResult, parentId, rootId, u);
    }
}
