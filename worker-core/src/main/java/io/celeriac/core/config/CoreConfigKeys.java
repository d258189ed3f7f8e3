package io.celeriac.core.config;

import java.util.Set;

/** The keys the engine itself reads (see {@link AppConfigLoader} and {@link MessageLimitsConfig}). */
public final class CoreConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("broker_url", "default_queue", "queues", "routes", "routes.*", "result_expires",
                "result_extended", "key_prefix", "celery_key_prefix",
                // Celery's own: kombu's options for the broker (master_name, sentinel_kwargs...); the
                // ones Celeriac does not read are accepted, so one file serves Celery and Celeriac
                BrokerTransportOptions.SECTION, BrokerTransportOptions.SECTION + ".*",
                BrokerTransportOptions.DURABLE_WRITES, BrokerTransportOptions.DURABLE_WRITES_TIMEOUT,
                MessageLimitsConfig.MAX_MESSAGE_SIZE, MessageLimitsConfig.MAX_NESTING_DEPTH,
                MessageLimitsConfig.MAX_TASK_NAME_LENGTH,
                CeleryTaskConfig.TASK_SEND_SENT_EVENT, CeleryTaskConfig.TASK_TRACK_STARTED,
                "flow_limits", "flow_limits.*", "task_annotations", "task_annotations.*",
                // turns on the probe tasks of the engine's own tests; harmless and inert elsewhere
                "test_probes");
    }
}
