package io.celeriac.core.broker.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * Every Redis key Celeriac reads or writes, built in one place.
 *
 * <p>Celery-shared keys keep kombu's names (PROTOCOL.md 2-3), behind kombu's optional
 * {@code global_keyprefix} ({@code celeryPrefix}, empty by default). Celeriac's own keys live under
 * {@code prefix} ({@code celeriac:} by default); tests give each class a random one of each.
 */
public class RedisKeys {
    /** kombu's separator between a queue name and its priority step. */
    public static final String SEP = "\u0006\u0016";
    /** kombu's default priority steps: priority p goes to the largest step not above it. */
    public static final int[] PRIORITY_STEPS = {0, 3, 6, 9};

    private final String prefix;
    private final String celeryPrefix;

    public RedisKeys(String prefix, String celeryPrefix) {
        this.prefix = prefix;
        this.celeryPrefix = celeryPrefix;
    }

    public static RedisKeys defaults() {
        return new RedisKeys("celeriac:", "");
    }

    public String prefix() {
        return prefix;
    }

    /** kombu's {@code global_keyprefix} in front of queue, binding and result keys (usually empty). */
    public String celeryPrefix() {
        return celeryPrefix;
    }

    // ---- kombu / Celery layout -------------------------------------------------------------

    /** LIST: the queue's bucket for {@code priority} (0-2 the queue itself, then 3, 6, 9). */
    public String queueList(String queue, int priority) {
        int step = stepOf(priority);
        return step == 0 ? celeryPrefix + queue : celeryPrefix + queue + SEP + step;
    }

    /** The four LISTs of a queue, most urgent first. */
    public List<String> queueLists(String queue) {
        List<String> lists = new ArrayList<>(PRIORITY_STEPS.length);
        for (int step : PRIORITY_STEPS) {
            lists.add(queueList(queue, step));
        }
        return lists;
    }

    /** SET: kombu's binding of a queue, declared so Python tooling sees the queue. */
    public String binding(String queue) {
        return celeryPrefix + "_kombu.binding." + queue;
    }

    /** The binding member kombu writes for a queue on the default exchange. */
    public static String bindingMember(String queue) {
        return queue + SEP + SEP + queue;
    }

    /** STRING (JSON) with TTL, also a pub/sub channel: a task's result. */
    public String result(String taskId) {
        return celeryPrefix + "celery-task-meta-" + taskId;
    }

    /** SCAN MATCH pattern of every task's result key (the dashboard's task search reads a window of them). */
    public String resultPattern() {
        return globEscape(celeryPrefix + "celery-task-meta-") + "*";
    }

    /**
     * Prefix of a group's keys in Celery's result backend: {@code .j} (ZSET of finished chord parts,
     * score = group index), {@code .t} (STRING, a chord size adjustment), {@code .s} (STRING, the
     * chord's size, set by whoever sends the chord).
     */
    public String groupMeta(String groupId) {
        return celeryPrefix + "celery-taskset-meta-" + groupId;
    }

    /** SCAN pattern matching every kombu binding SET (Python-declared queues included). */
    public String bindingPattern() {
        return globEscape(celeryPrefix + "_kombu.binding.") + "*";
    }

    /** The exchange a binding SET key belongs to, or null when the key is not a binding. */
    public String exchangeOfBinding(String key) {
        String head = celeryPrefix + "_kombu.binding.";
        return key.startsWith(head) ? key.substring(head.length()) : null;
    }

    /** HASH: kombu's ack emulation (PROTOCOL.md 2.4): delivery tag -> [envelope, exchange, routing key]. */
    public String unacked() {
        return celeryPrefix + "unacked";
    }

    /** A queue list named back: which queue and priority step it holds. */
    public record QueueListName(String queue, int priority) {
    }

    /** The inverse of {@link #queueList}; null when {@code list} is not under kombu's prefix. */
    public QueueListName queueOfList(String list) {
        if (!list.startsWith(celeryPrefix)) {
            return null;
        }
        String name = list.substring(celeryPrefix.length());
        int sep = name.lastIndexOf(SEP);
        if (sep > 0) {
            String step = name.substring(sep + SEP.length());
            for (int candidate : PRIORITY_STEPS) {
                if (step.equals(String.valueOf(candidate))) {
                    return new QueueListName(name.substring(0, sep), candidate);
                }
            }
        }
        return new QueueListName(name, 0);
    }

    /** Escapes Redis glob metacharacters so a literal string can be used in a SCAN MATCH. */
    public static String globEscape(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    // ---- kombu pub/sub: remote control (pidbox) and events ---------------------------------

    /** kombu's broadcast exchange of remote control. */
    public static final String PIDBOX_EXCHANGE = "celery.pidbox";
    /** kombu's direct exchange that carries remote-control replies. */
    public static final String REPLY_EXCHANGE = "reply.celery.pidbox";
    /** Celery's event exchange (fanout on Redis). */
    public static final String EVENT_EXCHANGE = "celeryev";

    /**
     * The pub/sub channel of a fanout exchange, as kombu names it: channels are not per database,
     * so kombu puts {@code /<db>.} in front (its {@code fanout_prefix}), the routing key behind
     * ({@code fanout_patterns}), and the global key prefix before everything.
     */
    public String fanoutChannel(int db, String exchange, String routingKey) {
        String topic = "/" + db + "." + exchange;
        return celeryPrefix + (routingKey == null || routingKey.isEmpty() ? topic : topic + "/" + routingKey);
    }

    /** PSUBSCRIBE pattern for every routing key of a fanout exchange ({@code celery events} uses it). */
    public String fanoutPattern(int db, String exchange) {
        return globEscape(celeryPrefix + "/" + db + "." + exchange + "/") + "*";
    }

    /** A worker's pidbox queue name ({@code <node>.celery.pidbox}), declared in the pidbox binding set. */
    public static String pidboxQueue(String node) {
        return node + "." + PIDBOX_EXCHANGE;
    }

    /** The binding member kombu writes for a worker's pidbox queue on the fanout exchange (empty routing key). */
    public static String pidboxBindingMember(String node) {
        return SEP + SEP + pidboxQueue(node);
    }

    /** A client's reply queue ({@code <oid>.reply.celery.pidbox}); replies are LPUSHed to its LIST. */
    public static String replyQueue(String oid) {
        return oid + "." + REPLY_EXCHANGE;
    }

    /** The binding member of a client's reply queue: routing key = its oid. */
    public static String replyBindingMember(String oid) {
        return oid + SEP + SEP + replyQueue(oid);
    }

    /** LIST of a kombu queue by name (priority 0 bucket), with the global key prefix. */
    public String kombuList(String queue) {
        return celeryPrefix + queue;
    }

    // ---- Celeriac's own keys ----------------------------------------------------------------

    /** STRING with a TTL: the worker that forwards delayed messages for the whole fleet (its lease). */
    public String forwarder() {
        return prefix + "forwarder";
    }

    /** ZSET: delayed messages; score = due time (ms), member = "target list\nenvelope". */
    public String delayed() {
        return prefix + "delayed";
    }

    /** LIST: dead-letter entries (JSON), newest first. */
    public String dead() {
        return prefix + "dead";
    }

    /** ZSET: worker name -> last heartbeat (ms). A worker is dead when its lease has run out. */
    public String workers() {
        return prefix + "workers";
    }

    /**
     * ZSET: queue name -> when a worker last took a message from it (ms), written with
     * {@code ZADD GT} by each worker's heartbeat, so the time only moves forward and outlives the
     * worker that wrote it: what tells a stalled queue from a quiet one ({@code celeriac exporter}).
     */
    public String pickups() {
        return prefix + "pickups";
    }

    /** HASH: one worker's record (queues, sources, pid, concurrency, counters). */
    public String worker(String name) {
        return prefix + "worker:" + name;
    }

    /** STRING with a TTL: the process that is taking this worker name (set while it starts). */
    public String workerNameReservation(String name) {
        return prefix + "worker-name:" + name;
    }

    /** LIST: what one worker took from one source list and has not acked. */
    public String inflight(String worker, String sourceList) {
        return prefix + "inflight:" + worker + ":" + sourceList;
    }

    /** Glob of every worker's in-flight lists (for admin scans). */
    public String inflightPattern() {
        return globEscape(prefix) + "inflight:*";
    }

    /**
     * STRING with a TTL: how many tasks were counted under {@code counter} (processed, failed,
     * retried) in one minute ({@code epochMinute} = epoch millis / 60,000): the dashboard's history.
     */
    public String minuteCounter(String counter, long epochMinute) {
        return prefix + "stats:" + counter + ":" + epochMinute;
    }

    /** Glob of every per-minute counter and depth sample (they expire by themselves; a private prefix's owner removes them at once). */
    public String statsPattern() {
        return globEscape(prefix) + "stats:*";
    }

    /** STRING with a TTL: how many messages waited on a queue at one minute (epoch minute), sampled by the dashboard. */
    public String queueDepthSample(String queue, long epochMinute) {
        return prefix + "stats:depth:" + epochMinute + ":" + queue;
    }

    /** LIST: the dashboard's audit log (who did what, when), newest first, capped. */
    public String dashboardAudit() {
        return prefix + "dashboard:audit";
    }

    /** STRING with a TTL: failed logins from one client address in the current window. */
    public String dashboardLoginFailures(String client) {
        return prefix + "dashboard:login-failures:" + client;
    }

    /** ZSET: revoked task id -> time (ms) until which the revocation is kept. */
    public String revoked() {
        return prefix + "revoked";
    }

    /** Pub/sub channel announcing revocations, so running workers hear them at once. */
    public String revokedChannel() {
        return prefix + "revoked";
    }

    /**
     * HASH: one batch's counters (total, pending, succeeded, failed), its callback messages, its
     * once-flags (complete_at, success_at) and its TTL after completion (see complete.lua, 'B').
     */
    public String batch(String id) {
        return prefix + "batch:" + id;
    }

    /**
     * HASH: a batch's task ids -> P (pending), S (succeeded), F (failed): a task counts only on its
     * way out of P, so a redelivered task that completes twice counts once.
     */
    public String batchTasks(String id) {
        return prefix + "batch:" + id + ":tasks";
    }

    /** ZSET: batch id -> when its keys expire (ms), for {@code celeriac batch list}; pruned as batches open. */
    public String batches() {
        return prefix + "batches";
    }

    /** SET: the queues paused fleet-wide (workers fetch nothing from them; messages stay). */
    public String pausedQueues() {
        return prefix + "paused-queues";
    }

    /** Pub/sub channel announcing pauses and resumes ({@code pause <queue>} / {@code resume <queue>}). */
    public String pausedQueuesChannel() {
        return prefix + "paused-queues";
    }

    /** STRING with a TTL: a unique task's lock; the value is the holder's task id (see unique-lock.lua). */
    public String uniqueLock(String key) {
        return prefix + "unique:" + key;
    }

    /** Glob of every unique lock (for admin scans). */
    public String uniqueLockPattern() {
        return globEscape(prefix + "unique:") + "*";
    }

    /** The unique key of a lock's Redis key, or null when it is not one. */
    public String uniqueKeyOf(String redisKey) {
        String head = prefix + "unique:";
        return redisKey.startsWith(head) ? redisKey.substring(head.length()) : null;
    }

    // ---- flow control (rate and concurrency limits) -----------------------------------------

    /** STRING with a TTL: a rate limit's bucket, "next token, next start (ms), reservations flag"; per key, {@code bucket} names the key. */
    public String rateBucket(String bucket) {
        return prefix + "flow:rate:" + bucket;
    }

    /** ZSET: task id -> the token (ms) reserved for it while it waits in the delayed set. */
    public String rateReservations(String bucket) {
        return prefix + "flow:reserved:" + bucket;
    }

    /** ZSET: the holders of a concurrency limit's slots ("worker\ntask id") -> lease end (ms). */
    public String concurrencySlots(String bucket) {
        return prefix + "flow:slots:" + bucket;
    }

    /** HASH: limit name -> tasks its limits held back (throttled), since first used. */
    public String flowThrottled() {
        return prefix + "flow:throttled";
    }

    /** HASH: limit name -> JSON description (rate, concurrency, key, tasks), written by the workers that run under it. */
    public String flowLimits() {
        return prefix + "flow:limits";
    }

    static int stepOf(int priority) {
        int clamped = Math.max(0, Math.min(9, priority));
        int step = 0;
        for (int candidate : PRIORITY_STEPS) {
            if (candidate <= clamped) {
                step = candidate;
            }
        }
        return step;
    }
}
