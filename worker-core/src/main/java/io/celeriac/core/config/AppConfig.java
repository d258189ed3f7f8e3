package io.celeriac.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.core.routing.Route;
import io.celeriac.core.routing.Router;
import java.time.Duration;
import java.util.List;

/**
 * The application's config file, validated.
 *
 * @param brokerUrl       from the file; the environment and flags win over it (null when absent)
 * @param defaultQueue    where unrouted tasks go ({@code celery})
 * @param queues          the application's queues (workers default to consuming all of them)
 * @param routes          task-name globs to queues, first match wins
 * @param resultExpires   result TTL; zero keeps results forever
 * @param resultExtended  store name, args, kwargs, worker, retries and queue with each result
 * @param keyPrefix       prefix of Celeriac's own Redis keys
 * @param celeryKeyPrefix kombu's {@code global_keyprefix} for queue and result keys (usually empty)
 * @param raw             the whole document, for module sections such as {@code beat}
 */
public record AppConfig(String brokerUrl, String defaultQueue, List<String> queues, List<Route> routes,
                        Duration resultExpires, boolean resultExtended, String keyPrefix, String celeryKeyPrefix,
                        ObjectNode raw) {

    public Router router() {
        return new Router(routes, defaultQueue);
    }

    /** A module's section, or a missing node. */
    public JsonNode section(String name) {
        JsonNode node = raw == null ? null : raw.get(name);
        return node == null ? MissingNode.getInstance() : node;
    }
}
