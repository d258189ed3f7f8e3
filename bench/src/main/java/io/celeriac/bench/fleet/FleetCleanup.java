package io.celeriac.bench.fleet;

import io.celeriac.core.app.Application;
import io.celeriac.core.broker.redis.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Removes what a run made on a shared Redis: its queues (named after the run) and its key prefix. */
final class FleetCleanup {
    private FleetCleanup() {
    }

    static void remove(Application app, String run, String prefix) {
        for (String pattern : List.of("*" + RedisKeys.globEscape(run) + "*", RedisKeys.globEscape(prefix) + "*")) {
            app.redisBroker().direct().call(jedis -> {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(pattern).count(1000));
                    List<String> keys = new ArrayList<>(page.getResult());
                    if (!keys.isEmpty()) {
                        jedis.unlink(keys.toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
                return null;
            });
        }
    }
}
