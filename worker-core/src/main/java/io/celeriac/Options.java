package io.celeriac;

import java.time.Duration;
import java.time.Instant;

/**
 * How to send one task; every field is optional ({@link #defaults()} and the withers).
 *
 * @param queue        explicit queue (wins over routes)
 * @param priority     0-9, lower is served first (kombu's Redis rule); null for 0
 * @param countdown    run no sooner than this from now
 * @param eta          run no sooner than this instant (wins over countdown)
 * @param expires      revoke instead of running after this instant
 * @param taskId       a chosen id
 * @param ignoreResult store no result
 */
public record Options(String queue, Integer priority, Duration countdown, Instant eta, Instant expires,
                      String taskId, boolean ignoreResult) {

    public static Options defaults() {
        return new Options(null, null, null, null, null, null, false);
    }

    public Options queue(String q) {
        return new Options(q, priority, countdown, eta, expires, taskId, ignoreResult);
    }

    public Options priority(int p) {
        return new Options(queue, p, countdown, eta, expires, taskId, ignoreResult);
    }

    public Options countdown(Duration c) {
        return new Options(queue, priority, c, eta, expires, taskId, ignoreResult);
    }

    public Options eta(Instant e) {
        return new Options(queue, priority, countdown, e, expires, taskId, ignoreResult);
    }

    public Options expires(Instant e) {
        return new Options(queue, priority, countdown, eta, e, taskId, ignoreResult);
    }

    public Options taskId(String id) {
        return new Options(queue, priority, countdown, eta, expires, id, ignoreResult);
    }

    public Options ignoreResult(boolean ignore) {
        return new Options(queue, priority, countdown, eta, expires, taskId, ignore);
    }
}
