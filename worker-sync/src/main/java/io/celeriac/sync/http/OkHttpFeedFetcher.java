package io.celeriac.sync.http;

import io.celeriac.sync.InvalidResponseException;
import io.celeriac.sync.calendar.FeedFetcher;
import io.celeriac.sync.calendar.FeedResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Conditional GETs of iCalendar feeds ({@code webcal://} is read as {@code https://}). */
final class OkHttpFeedFetcher implements FeedFetcher {
    private static final String PROVIDER = "calendar feed";

    private final Supplier<OkHttpClient> client;
    private final HttpFailures failures;
    private final long maxBytes;

    OkHttpFeedFetcher(Supplier<OkHttpClient> client, HttpFailures failures, long maxBytes) {
        this.client = client;
        this.failures = failures;
        this.maxBytes = maxBytes;
    }

    @Override
    public FeedResponse fetch(String url, String etag, String lastModified) {
        HttpUrl parsed = HttpUrl.parse(url.replaceFirst("^webcal://", "https://"));
        if (parsed == null) {
            throw new InvalidResponseException("the feed address is not an http(s) URL");
        }
        Request.Builder request = new Request.Builder().url(parsed).header("Accept", "text/calendar, */*;q=0.5");
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        try (Response response = client.get().newCall(request.build()).execute()) {
            if (response.code() == 304) {
                return new FeedResponse.NotModified();
            }
            if (!response.isSuccessful()) {
                throw failures.of(PROVIDER, response, true);
            }
            return new FeedResponse.Fetched(read(response.body()), response.header("ETag"), response.header("Last-Modified"));
        } catch (IOException e) {
            throw HttpFailures.of(PROVIDER, e);
        }
    }

    /** Reads at most {@code maxBytes}: a runaway feed must not exhaust the worker's heap. */
    private String read(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        if (source.request(maxBytes + 1)) {
            throw new InvalidResponseException("the feed is larger than " + maxBytes + " bytes");
        }
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        return source.readString(charset);
    }
}
