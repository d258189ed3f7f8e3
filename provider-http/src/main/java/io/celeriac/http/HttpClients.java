package io.celeriac.http;

import java.net.Proxy;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The two kinds of OkHttp client the modules use. A <em>provider</em> client talks to endpoints an
 * operator configured (Notion's API, the LLM, Twilio): a private address there is the operator's
 * choice. A <em>guarded</em> client talks to URLs a user or an LLM supplied: see {@link GuardedHttp}.
 */
public final class HttpClients {
    private HttpClients() {
    }

    /** A client for operator-configured endpoints. */
    public static OkHttpClient provider(ClientSettings settings) {
        return base(settings).build();
    }

    /**
     * A client that connects only where {@code policy} allows: names resolved and vetted by
     * {@code resolver}, every socket checked at connect, no proxy (a proxy would connect for us,
     * to wherever it is asked), no redirects followed by OkHttp (GuardedHttp follows them itself,
     * each hop through the same checks), and a connection pool of its own.
     */
    static OkHttpClient guarded(ClientSettings settings, AddressPolicy policy, Resolver resolver) {
        return base(settings)
                .dns(new GuardedDns(policy, resolver))
                .socketFactory(new GuardedSocketFactory(policy))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(new ConnectionPool())
                .build();
    }

    /** Lets the JVM exit promptly and frees sockets: OkHttp's threads are not daemons. */
    public static void shutdown(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static OkHttpClient.Builder base(ClientSettings settings) {
        String agent = settings.userAgent();
        return new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .retryOnConnectionFailure(settings.retryConnections())
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", agent).build()));
    }
}
