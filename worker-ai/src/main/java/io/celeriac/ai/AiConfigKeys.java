package io.celeriac.ai;

import io.celeriac.core.config.ConfigKeys;
import java.util.Set;

/** The config-file keys worker-ai (AiConfig) reads, so the strict check at start-up accepts them (and catches typos in them). */
public final class AiConfigKeys implements ConfigKeys {
    @Override
    public Set<String> keys() {
        return Set.of("ai", "ai.llm", "ai.llm.api_key_env", "ai.llm.base_url", "ai.llm.model",
                "ai.llm.max_steps", "ai.llm.token_budget", "ai.llm.timeout", "ai.llm.request_timeout",
                "ai.sms", "ai.sms.base_url", "ai.sms.account_sid_env", "ai.sms.auth_token_env",
                "ai.sms.from_env", "ai.sms.timeout", "ai.providers", "ai.providers.breaker_failures",
                "ai.providers.breaker_open", "ai.providers.retry_after_default",
                "ai.providers.retry_after_max", "ai.runs", "ai.runs.max_retries", "ai.runs.recent_runs",
                "ai.runs.retention", "ai.runs.sweep_batch", "ai.runs.stale_run", "ai.limits",
                "ai.limits.max_active_tasks", "ai.limits.min_interval", "ai.limits.horizon");
    }
}
