package io.celeriac.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.KeysScanOptions;

/**
 * What a test class made in Redis goes when the class ends: every key under the random prefixes
 * it took from {@link TestApp#randomPrefix()} (for its applications, and the configs of the
 * worker processes it started) is deleted with SCAN and UNLINK, never FLUSHDB. Registered for
 * every test class through JUnit's extension auto-detection (see the build's surefire and
 * failsafe configuration).
 */
public final class RemoveTestKeys implements AfterAllCallback {
    private static final Set<String> prefixes = ConcurrentHashMap.newKeySet();

    /** Called by {@link TestApp#randomPrefix()}. */
    static void track(String prefix) {
        prefixes.add(prefix);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (prefixes.isEmpty()) {
            return;
        }
        List<String> taken = new ArrayList<>(prefixes);
        prefixes.removeAll(taken);
        RedissonClient redis = TestRedis.client(2);
        try {
            for (String prefix : taken) {
                List<String> batch = new ArrayList<>();
                for (String key : redis.getKeys().getKeys(KeysScanOptions.defaults()
                        .pattern(io.celeriac.core.broker.redis.RedisKeys.globEscape(prefix) + "*").chunkSize(1000))) {
                    batch.add(key);
                    if (batch.size() == 500) {
                        redis.getKeys().unlink(batch.toArray(String[]::new));
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    redis.getKeys().unlink(batch.toArray(String[]::new));
                }
            }
        } finally {
            redis.shutdown();
        }
    }
}
