package io.celeriac.core.broker.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A broker URL in the forms Celery and redis-py accept: {@code redis://[[user]:password@]host[:port][/db]},
 * {@code rediss://} for TLS (kombu's {@code ssl_*} parameters, see {@link RedisTlsFiles}), or
 * kombu's Sentinel list {@code sentinel://[:password@]host:26379[/db];sentinel://host2:26379},
 * whose password and db are the master's (see {@link RedisSentinels}); or Celeriac's own
 * {@code redis+cluster://[[user]:password@]host:port[,host:port...]} ({@code rediss+cluster://}
 * with TLS) for a Redis Cluster, whose seed nodes it lists (Celery has no cluster transport).
 *
 * @param host      the Redis server; for a Sentinel URL, the first sentinel (never connected to as Redis)
 * @param tlsFiles  TLS settings ({@link RedisTlsFiles#DEFAULT} for plain or default TLS)
 * @param sentinels the sentinels to ask where the master is, or null for a Redis at host:port
 * @param clusterSeeds for a Redis Cluster, its seed nodes ("host:port", the first also in host and
 *                     port); else null
 */
public record RedisUrl(boolean tls, String host, int port, int database, String username, String password,
                       RedisTlsFiles tlsFiles, RedisSentinels sentinels, List<String> clusterSeeds) {
    static final String CLUSTER = "redis+cluster://";
    static final String CLUSTER_TLS = "rediss+cluster://";

    public RedisUrl(boolean tls, String host, int port, int database, String username, String password) {
        this(tls, host, port, database, username, password, RedisTlsFiles.DEFAULT, null, null);
    }

    public RedisUrl(boolean tls, String host, int port, int database, String username, String password,
                    RedisTlsFiles tlsFiles, RedisSentinels sentinels) {
        this(tls, host, port, database, username, password, tlsFiles, sentinels, null);
    }

    /** Whether this URL names a Redis Cluster (redis+cluster://). */
    public boolean cluster() {
        return clusterSeeds != null;
    }

    public static RedisUrl parse(String url) {
        String text = url == null ? "" : url.strip();
        if (text.startsWith("sentinel://")) {
            return parseSentinels(text);
        }
        if (text.startsWith(CLUSTER) || text.startsWith(CLUSTER_TLS)) {
            return parseCluster(text);
        }
        URI uri = uri(text);
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("broker URL must start with redis:// or rediss:// (sentinel:// for kombu's Sentinel list), got '" + redact(url) + "'");
        }
        boolean tls = "rediss".equals(scheme);
        String[] auth = auth(uri);
        return new RedisUrl(tls, uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(),
                database(uri), auth[0], auth[1], RedisUrlQuery.tls(uri.getRawQuery(), tls), null);
    }

    /** kombu's list: every part a sentinel; the first one's password and db are the master's. */
    private static RedisUrl parseSentinels(String text) {
        List<RedisSentinels.Node> nodes = new ArrayList<>();
        URI first = null;
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            URI uri = uri(part.strip());
            if (!"sentinel".equals(uri.getScheme())) {
                throw new IllegalArgumentException("every part of a sentinel broker URL must start with sentinel://, got '" + redact(part) + "'");
            }
            RedisUrlQuery.none(uri.getRawQuery());
            nodes.add(new RedisSentinels.Node(uri.getHost(), uri.getPort() < 0 ? 26379 : uri.getPort()));
            first = first == null ? uri : first;
        }
        String[] auth = auth(first);
        RedisSentinels sentinels = new RedisSentinels(nodes, null, null, null);
        return new RedisUrl(false, first.getHost(), nodes.get(0).port(), database(first), auth[0], auth[1],
                RedisTlsFiles.DEFAULT, sentinels);
    }

    /**
     * A cluster's seed list: the authority holds several host:port, which java.net.URI cannot
     * parse, so the first seed stands in for them to read the credentials, db and TLS options.
     */
    private static RedisUrl parseCluster(String text) {
        boolean tls = text.startsWith(CLUSTER_TLS);
        String rest = text.substring(tls ? CLUSTER_TLS.length() : CLUSTER.length());
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
        List<String> seeds = new ArrayList<>();
        for (String seed : authority.substring(at + 1).split(",")) {
            if (seed.isBlank()) {
                continue;
            }
            URI node = uri("redis://" + seed.strip());
            seeds.add(node.getHost() + ":" + (node.getPort() < 0 ? 6379 : node.getPort()));
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a redis+cluster:// URL names its seed nodes: redis+cluster://host:port,host:port, got '"
                    + redact(text) + "'");
        }
        URI first = uri((tls ? "rediss://" : "redis://") + userInfo + seeds.get(0) + rest.substring(end));
        if (database(first) != 0) {
            throw new IllegalArgumentException("a Redis Cluster has only database 0; remove /" + database(first) + " from the redis+cluster:// URL");
        }
        String[] auth = auth(first);
        return new RedisUrl(tls, first.getHost(), first.getPort(), 0, auth[0], auth[1],
                RedisUrlQuery.tls(first.getRawQuery(), tls), null, List.copyOf(seeds));
    }

    private static URI uri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("broker URL '" + redact(text) + "' is not a URL: " + e.getReason());
        }
        if (uri.getScheme() != null && uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL '" + redact(text) + "' names no host");
        }
        return uri;
    }

    private static int database(URI uri) {
        String path = uri.getPath();
        if (path == null || path.length() <= 1) {
            return 0;
        }
        try {
            return Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("broker URL database must be a number, got '" + path.substring(1) + "'");
        }
    }

    /** {user, password}, each null when absent. */
    private static String[] auth(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            return new String[2];
        }
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            return new String[] {null, decode(userInfo)};
        }
        return new String[] {colon == 0 ? null : decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1))};
    }

    /** The CA file of {@code ssl_ca_certs}, or null. */
    public Path caCerts() {
        return tlsFiles.caCerts();
    }

    /** The same URL with the sentinels monitoring {@code masterName} (no effect on a plain URL). */
    public RedisUrl withSentinels(RedisSentinels changed) {
        return new RedisUrl(tls, host, port, database, username, password, tlsFiles, changed, clusterSeeds);
    }

    /**
     * For a {@code sentinel://} URL, what kombu reads from the transport options: the master's
     * name and the sentinels' credentials, each where the URL has none yet. A plain URL is returned as it is.
     */
    public RedisUrl withSentinelDefaults(String masterName, String sentinelUsername, String sentinelPassword) {
        if (sentinels == null) {
            return this;
        }
        RedisSentinels filled = sentinels;
        if (filled.masterName() == null && masterName != null) {
            filled = filled.withMasterName(masterName);
        }
        if (filled.password() == null && filled.username() == null) {
            filled = filled.withAuth(sentinelUsername, sentinelPassword);
        }
        return withSentinels(filled);
    }

    /** The address Redisson connects to (no credentials, no database). */
    public String address() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port;
    }

    /** For logs and {@code --print-config}: the password replaced by stars. */
    public String redacted() {
        String auth = password == null ? "" : (username == null ? "" : username) + ":***@";
        if (sentinels != null) {
            StringBuilder text = new StringBuilder("sentinel://" + auth + sentinels.nodes().get(0) + "/" + database);
            sentinels.nodes().stream().skip(1).forEach(node -> text.append(";sentinel://").append(node));
            return text.append(sentinels.masterName() == null ? "" : " (master " + sentinels.masterName() + ")").toString();
        }
        if (clusterSeeds != null) {
            return (tls ? CLUSTER_TLS : CLUSTER) + auth + String.join(",", clusterSeeds);
        }
        return (tls ? "rediss://" : "redis://") + auth + host + ":" + port + "/" + database;
    }

    /**
     * The URL again, password included, for the command line of a child process (a bench's
     * worker): every part this record holds, the sentinels and TLS files too. Never for a log.
     */
    public String withSecrets() {
        String auth = password == null ? "" : (username == null ? "" : encode(username)) + ":" + encode(password) + "@";
        if (sentinels != null) {
            StringBuilder text = new StringBuilder("sentinel://" + auth + sentinels.nodes().get(0) + "/" + database);
            sentinels.nodes().stream().skip(1).forEach(node -> text.append(";sentinel://").append(node));
            return text.toString();
        }
        String hosts = clusterSeeds != null ? String.join(",", clusterSeeds) : host + ":" + port;
        String scheme = clusterSeeds != null ? (tls ? CLUSTER_TLS : CLUSTER) : (tls ? "rediss://" : "redis://");
        List<String> query = new ArrayList<>();
        if (tlsFiles.caCerts() != null) {
            query.add("ssl_ca_certs=" + encode(tlsFiles.caCerts().toString()));
        }
        if (tlsFiles.certFile() != null) {
            query.add("ssl_certfile=" + encode(tlsFiles.certFile().toString()));
            query.add("ssl_keyfile=" + encode(tlsFiles.keyFile().toString()));
        }
        if (tlsFiles.verify() != RedisTlsFiles.Verify.REQUIRED) {
            query.add("ssl_cert_reqs=" + tlsFiles.verify().name().toLowerCase(java.util.Locale.ROOT));
        }
        return scheme + auth + hosts + "/" + database + (query.isEmpty() ? "" : "?" + String.join("&", query));
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // a record's own toString would print the password
        return redacted();
    }

    static String redact(String url) {
        return url == null ? "" : url.replaceAll("//([^@/]*)@", "//***@");
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
