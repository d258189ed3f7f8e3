package io.celeriac.sync.http;

import io.celeriac.core.Version;
import io.celeriac.http.ClientSettings;
import io.celeriac.http.GuardedHttp;
import io.celeriac.http.HttpClients;
import io.celeriac.http.ProviderResponses;
import io.celeriac.http.Resolver;
import io.celeriac.http.RetryAfter;
import io.celeriac.sync.SyncSettings;
import io.celeriac.sync.calendar.FeedFetcher;
import io.celeriac.sync.notion.NotionClient;
import io.celeriac.core.internal.Lazy;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The module's HTTP clients, from provider-http: feeds (addresses users typed) through a
 * {@link GuardedHttp} that reaches only public addresses and the operator's
 * {@code sync.allowed_networks}; Notion (the operator's {@code notion_base_url}) through a
 * provider client. OkHttp types stay inside this package.
 */
public final class SyncHttp implements AutoCloseable {
    /** A Retry-After beyond this is treated as this: the next scheduled run comes sooner anyway. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);

    private final GuardedHttp feeds;
    private final Lazy<OkHttpClient> notion;
    private final RetryAfter retryAfter;
    private final SyncSettings settings;
    private final Clock clock;

    public SyncHttp(SyncSettings settings, Clock clock) {
        this(settings, clock, Resolver.SYSTEM);
    }

    /** With {@code resolver} for feed host names instead of the system's (tests). */
    public SyncHttp(SyncSettings settings, Clock clock, Resolver resolver) {
        this.settings = settings;
        this.clock = clock;
        this.retryAfter = new RetryAfter(settings.defaultRetryAfter(), MAX_RETRY_AFTER);
        ClientSettings client = new ClientSettings(settings.connectTimeout(), settings.readTimeout(),
                settings.readTimeout().multipliedBy(2).plus(settings.connectTimeout()),
                "Celeriac/" + Version.VERSION + " (worker-sync)", true);
        this.feeds = new GuardedHttp(client, settings.feedAddresses(), resolver);
        // built on first use: building a client loads the JDK's trust store (~0.1 s of a worker's start)
        this.notion = Lazy.of(() -> HttpClients.provider(client));
    }

    public FeedFetcher feeds() {
        return new OkHttpFeedFetcher(feeds, new ProviderResponses(OkHttpFeedFetcher.PROVIDER, retryAfter, clock),
                settings.maxFeedBytes());
    }

    public NotionClient notion() {
        return new OkHttpNotionClient(notion, new ProviderResponses("notion", retryAfter, clock),
                settings.notionBaseUrl(), settings.notionVersion());
    }

    @Override
    public void close() {
        feeds.close();
        notion.ifBuilt(HttpClients::shutdown);
    }
}
