package io.celeriac.core.client;

import java.util.List;
import java.util.Map;

/** Sends tasks by name; implemented over Redis by {@link Celeriac} and inline by {@code io.celeriac.core.worker.EagerSender}. */
public interface TaskSender {

    /** Sends {@code task} with positional and keyword arguments (any values Jackson can write). */
    AsyncResult send(String task, List<?> args, Map<String, ?> kwargs, SendOptions options);

    default AsyncResult send(String task, List<?> args) {
        return send(task, args, Map.of(), SendOptions.defaults());
    }
}
