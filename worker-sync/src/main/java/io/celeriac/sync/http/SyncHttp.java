package io.celeriac.sync.http;

import io.celeriac.core.Version;
import io.celeriac.sync.SyncSettings;
import io.celeriac.sync.calendar.FeedFetcher;
import io.celeriac.sync.notion.NotionClient;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * The module's one OkHttp client (one connection pool and dispatcher per process) and the
 * provider clients built on it; OkHttp types stay inside this package.
 */
public final class SyncHttp implements AutoCloseable {
    private final OkHttpClient client;
    private final HttpFailures failures;
    private final SyncSettings settings;

    public SyncHttp(SyncSettings settings, Clock clock) {
        this.settings = settings;
        this.failures = new HttpFailures(clock, settings.defaultRetryAfter());
        String agent = "Celeriac/" + Version.VERSION + " (worker-sync)";
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .callTimeout(settings.readTimeout().multipliedBy(2).plus(settings.connectTimeout()))
                .followRedirects(true)
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", agent).build()))
                .build();
    }

    public FeedFetcher feeds() {
        return new OkHttpFeedFetcher(client, failures, settings.maxFeedBytes());
    }

    public NotionClient notion() {
        return new OkHttpNotionClient(client, failures, settings.notionBaseUrl(), settings.notionVersion());
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
