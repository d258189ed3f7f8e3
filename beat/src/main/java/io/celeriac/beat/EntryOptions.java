package io.celeriac.beat;

import io.celeriac.core.client.SendOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * How an entry's messages are sent; every field may be null.
 *
 * @param queue    explicit queue, winning over the config's routes
 * @param priority 0-9
 * @param expires  a message not started this long after it was sent is revoked
 */
public record EntryOptions(String queue, Integer priority, Duration expires) {
    public static final EntryOptions NONE = new EntryOptions(null, null, null);

    /** The send options of one message sent at {@code now} under {@code taskId}. */
    public SendOptions toSendOptions(Instant now, String taskId) {
        SendOptions options = SendOptions.defaults().queue(queue).taskId(taskId);
        if (priority != null) {
            options = options.priority(priority);
        }
        if (expires != null) {
            options = options.expires(now.plus(expires));
        }
        return options;
    }
}
