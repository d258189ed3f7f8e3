package io.celeriac.core.broker.redis;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SslVerificationMode;
import org.redisson.config.SubscriptionMode;

/** Builds the Redisson client every process uses: plain strings on the wire (the JSON is ours). */
public final class RedisConnector {
    private RedisConnector() {
    }

    /**
     * @param poolSize connections in the pool at most; they open as needed (the per-message
     *                 commands and the blocking fetches use {@link DirectRedis}'s connections)
     */
    public static RedissonClient connect(RedisUrl url, int poolSize) {
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.setUseScriptCache(true);
        // Redisson otherwise inspects every decoded value for a live-object reference: measurable per message
        config.setReferenceEnabled(false);
        config.setNettyThreads(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        config.setThreads(4);
        if (url.sentinels() != null) {
            sentinel(config, url, poolSize);
        } else if (url.cluster()) {
            cluster(config, url, poolSize);
        } else {
            config.useSingleServer()
                    .setAddress(url.address())
                    .setDatabase(url.database())
                    .setConnectionPoolSize(poolSize)
                    .setConnectionMinimumIdleSize(Math.min(poolSize, 2))
                    .setSubscriptionConnectionPoolSize(8)
                    .setSubscriptionConnectionMinimumIdleSize(1)
                    .setTimeout(5000)
                    .setConnectTimeout(5000)
                    // each open connection is pinged this often (30 s by default): an idle worker's
                    // cost to Redis; a minute still finds a half-dead subscription soon enough
                    .setPingConnectionInterval(60_000);
        }
        // the certificate and the host name it names, as DirectRedis checks them
        RedisTlsFiles tls = url.tlsFiles();
        config.setSslVerificationMode(tls.verifiesServer() ? SslVerificationMode.STRICT : SslVerificationMode.NONE);
        if (tls.caCerts() != null && tls.verifiesServer()) {
            config.setSslTrustManagerFactory(RedisTls.trustManagers(tls.caCerts()));
        }
        if (tls.certFile() != null) {
            config.setSslKeyManagerFactory(RedisTls.keyManagers(tls.certFile(), tls.keyFile()));
        }
        // on the Config, not the server: the server's setters are deprecated and warn on every start
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        if (url.username() != null) {
            config.setUsername(url.username());
        }
        return Redisson.create(config);
    }

    /**
     * Settings shared by Sentinel and Cluster: every read and subscription on a master (a replica
     * lags, and the beat's claims must read what was written), no idle connections kept to replicas,
     * the topology read again every second.
     */
    private static <T extends org.redisson.config.BaseMasterSlaveServersConfig<T>> T onMasters(T servers, int poolSize) {
        return servers
                // named as DirectRedis's connections are: CLIENT LIST on a node shows whether a process still uses it
                .setClientName("celeriac")
                .setReadMode(ReadMode.MASTER)
                .setSubscriptionMode(SubscriptionMode.MASTER)
                .setMasterConnectionPoolSize(poolSize)
                .setMasterConnectionMinimumIdleSize(Math.min(poolSize, 2))
                .setSlaveConnectionMinimumIdleSize(0)
                .setSubscriptionConnectionPoolSize(8)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setTimeout(5000)
                .setConnectTimeout(5000)
                .setPingConnectionInterval(60_000);
    }

    /**
     * On a Redis Cluster (the beat, pub/sub): Redisson reads the slot map from the seeds, follows it
     * every second, and sends each script by its first key, as the cluster layout expects
     * ({@link ClusterKeys}); reads and subscriptions on masters only.
     */
    private static void cluster(Config config, RedisUrl url, int poolSize) {
        org.redisson.config.ClusterServersConfig servers = onMasters(config.useClusterServers(), poolSize).setScanInterval(1000);
        url.clusterSeeds().forEach(seed -> servers.addNodeAddress((url.tls() ? "rediss://" : "redis://") + seed));
    }

    /** Behind Sentinel: the sentinels polled every second for a new master. */
    private static void sentinel(Config config, RedisUrl url, int poolSize) {
        RedisSentinels sentinels = url.sentinels();
        SentinelServersConfig servers = onMasters(config.useSentinelServers(), poolSize)
                .setMasterName(sentinels.requireMasterName())
                .setDatabase(url.database())
                .setScanInterval(1000);
        sentinels.nodes().forEach(node -> servers.addSentinelAddress("redis://" + node));
        if (sentinels.password() != null) {
            servers.setSentinelPassword(sentinels.password());
        }
        if (sentinels.username() != null) {
            servers.setSentinelUsername(sentinels.username());
        }
    }
}
