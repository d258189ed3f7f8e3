package io.celeriac.sync.http;

import io.celeriac.core.Version;
import io.celeriac.sync.SyncSettings;
import io.celeriac.sync.calendar.FeedFetcher;
import io.celeriac.sync.notion.NotionClient;
import io.celeriac.core.internal.Lazy;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * The module's one OkHttp client (one connection pool and dispatcher per process) and the
 * provider clients built on it; OkHttp types stay inside this package.
 */
public final class SyncHttp implements AutoCloseable {
    private final Lazy<OkHttpClient> client;
    private final HttpFailures failures;
    private final SyncSettings settings;

    /** The client is built on first use: building it loads the JDK's trust store (~0.1 s of a worker's start). */
    public SyncHttp(SyncSettings settings, Clock clock) {
        this.settings = settings;
        this.failures = new HttpFailures(clock, settings.defaultRetryAfter());
        String agent = "Celeriac/" + Version.VERSION + " (worker-sync)";
        this.client = Lazy.of(() -> new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.readTimeout().multipliedBy(2).plus(settings.connectTimeout()))
                .followRedirects(true)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", agent).build()))
                .build());
    }

    public FeedFetcher feeds() {
        return new OkHttpFeedFetcher(client, failures, settings.maxFeedBytes());
    }

    public NotionClient notion() {
        return new OkHttpNotionClient(client, failures, settings.notionBaseUrl(), settings.notionVersion());
    }

    @Override
    public void close() {
        client.ifBuilt(built -> {
            built.dispatcher().executorService().shutdown();
            built.connectionPool().evictAll();
        });
    }
}
