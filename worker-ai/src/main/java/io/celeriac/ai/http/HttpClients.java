package io.celeriac.ai.http;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** The module's one OkHttp client (connection pool and dispatcher shared by both providers). */
public final class HttpClients {
    private HttpClients() {
    }

    public static OkHttpClient create(Duration callTimeout) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .callTimeout(callTimeout)
                // a retried run is our retry; OkHttp repeating a POST could send an SMS twice
                .retryOnConnectionFailure(false)
                .build();
    }

    /** Lets the JVM exit promptly: OkHttp's threads are not daemons. */
    public static void shutdown(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
