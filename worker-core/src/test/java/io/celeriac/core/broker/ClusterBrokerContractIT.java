package io.celeriac.core.broker;

import io.celeriac.core.broker.redis.ClusterBroker;
import io.celeriac.core.broker.redis.ClusterKeys;
import io.celeriac.core.broker.redis.ClusterNodes;
import io.celeriac.core.broker.redis.RedisUrl;
import io.celeriac.core.internal.Json;
import io.celeriac.core.result.ResultBackend;
import io.celeriac.core.broker.redis.LazyRedisson;
import io.celeriac.core.result.redis.RedisResultBackend;
import io.celeriac.core.testing.ClusterTopology;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The cluster broker passes the same contract as the Redis broker, on a 3-master Redis Cluster of
 * the test's own (loopback, free ports), each test under a fresh key prefix. Every script it runs
 * touches one slot: a CROSSSLOT or "non local key" error would fail the test that made it.
 */
class ClusterBrokerContractIT extends BrokerContract {
    static ClusterTopology cluster;
    ClusterBroker broker;
    ResultBackend results;
    LazyRedisson redisson;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterTopology.start(3);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @BeforeEach
    void connect() {
        ClusterNodes nodes = ClusterNodes.connect(RedisUrl.parse(cluster.url()), 8);
        broker = new ClusterBroker(nodes, new ClusterKeys("t" + UUID.randomUUID().toString().substring(0, 8) + ":"));
        redisson = new LazyRedisson(RedisUrl.parse(cluster.url()), 4);
        results = RedisResultBackend.onCluster(broker, redisson, Json.mapper());
    }

    @AfterEach
    void close() {
        broker.close();
        redisson.close();
    }

    @Override
    protected Broker broker() {
        return broker;
    }

    @Override
    protected ResultBackend results() {
        return results;
    }

    @Override
    protected Instant pickupOf(String queue) {
        Double score = broker.fleet().call(jedis -> jedis.zscore(broker.keys().pickups(), queue));
        return score == null ? null : Instant.ofEpochMilli(score.longValue());
    }
}
