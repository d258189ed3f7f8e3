package io.celeriac.core.broker.redis;

/**
 * The key layout on a Redis Cluster, where a Lua script may only touch keys of one hash slot.
 *
 * <p>Every key of one queue carries the queue's hash tag, {@code {q:<queue>}}: its priority lists,
 * each worker's in-flight lists and outbox for it, its delayed set, its dead letters and its
 * per-minute counters. So fetching, acking, retrying and forwarding a queue's messages are each one
 * script on one slot, and different queues spread over the masters. A task's result has its own
 * tag, {@code {r:<task id>}}, so results spread too. The fleet's own records (worker leases and
 * records, the forwarding lease, revocations, pauses, the queue registry) share the tag {@code {f}}:
 * they change a few times a second, not per task.
 *
 * <p>Every tag {@code T} also names a dead-letter list and a delayed set ({@link #deadOf},
 * {@link #delayedOf}): what complete.lua needs beside the keys it writes, wherever it runs.
 *
 * <p>Queue names and task ids are escaped inside the tag ({@code %} and <code>}</code>), so a name
 * cannot end its tag early and two names never share keys.
 */
public final class ClusterKeys extends RedisKeys {
    /** The tag of the fleet's own keys. */
    static final String FLEET = "{f}";

    private final String base;

    public ClusterKeys(String prefix) {
        super(prefix + FLEET + ":", "");
        this.base = prefix;
    }

    /** The hash tag of a queue's keys. */
    public String queueTag(String queue) {
        return "{q:" + escape(queue) + "}";
    }

    /** The hash tag of a task's result. */
    String resultTag(String taskId) {
        return "{r:" + escape(taskId) + "}";
    }

    @Override
    public String queueList(String queue, int priority) {
        return base + queueTag(queue) + ":" + stepOf(priority);
    }

    @Override
    public QueueListName queueOfList(String list) {
        String tag = tagOf(list);
        if (tag == null || !tag.startsWith("{q:")) {
            return null;
        }
        String step = list.substring(base.length() + tag.length() + 1);
        return new QueueListName(unescape(tag.substring(3, tag.length() - 1)), Integer.parseInt(step));
    }

    @Override
    public String inflight(String worker, String sourceList) {
        String tag = tagOf(sourceList);
        return base + tag + ":inflight:" + worker + ":" + sourceList.substring(base.length() + tag.length() + 1);
    }

    /** LIST: what a worker's completions on this slot must still write on other slots (see ClusterCompletion). */
    String outbox(String tag, String worker) {
        return base + tag + ":outbox:" + worker;
    }

    /** LIST: outbox entries taken by a relay and not yet written (put back if their relay dies). */
    String relaying(String tag, String worker) {
        return base + tag + ":relaying:" + worker;
    }

    /** The worker whose in-flight list {@code inflight} is. */
    String workerOfInflight(String inflight) {
        String head = base + tagOf(inflight) + ":inflight:";
        return inflight.substring(head.length(), inflight.lastIndexOf(':'));
    }

    @Override
    public String result(String taskId) {
        return base + resultTag(taskId);
    }

    /** The queue's delayed set (ZSET, as {@link #delayed()} on one Redis). */
    public String delayed(String queue) {
        return delayedOf(queueTag(queue));
    }

    /** The queue's dead letters (LIST, as {@link #dead()} on one Redis). */
    public String dead(String queue) {
        return deadOf(queueTag(queue));
    }

    String deadOf(String tag) {
        return base + tag + ":dead";
    }

    String delayedOf(String tag) {
        return base + tag + ":delayed";
    }

    /** A per-minute task counter of one queue (the dashboard sums the queues). */
    String minuteCounter(String tag, String counter, long epochMinute) {
        return base + tag + ":stats:" + counter + ":" + epochMinute;
    }

    /** SET: every queue a message was sent to: where the forwarder and the dead-letter retention look. */
    public String queues() {
        return prefix() + "queues";
    }

    /** The hash tag a key of this layout carries ({@code {...}}), or null for a key of none. */
    String tagOf(String key) {
        if (!key.startsWith(base + "{")) {
            return null;
        }
        int close = key.indexOf('}', base.length());
        return close < 0 ? null : key.substring(base.length(), close + 1);
    }

    private static String escape(String name) {
        return name.replace("%", "%25").replace("}", "%7D");
    }

    private static String unescape(String name) {
        return name.replace("%7D", "}").replace("%25", "%");
    }
}
