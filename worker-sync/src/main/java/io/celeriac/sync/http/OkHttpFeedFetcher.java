package io.celeriac.sync.http;

import io.celeriac.http.AddressRefusedException;
import io.celeriac.http.GuardedHttp;
import io.celeriac.http.ProviderResponses;
import io.celeriac.sync.FeedAddressRefusedException;
import io.celeriac.sync.InvalidResponseException;
import io.celeriac.sync.SourceUnauthorizedException;
import io.celeriac.sync.calendar.FeedFetcher;
import io.celeriac.sync.calendar.FeedResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Conditional GETs of iCalendar feeds ({@code webcal://} is read as {@code https://}), through
 * the guarded client: an address inside is refused before any connection, and every failure to
 * get an answer reads the same ("could not be reached"), so a feed's recorded error never tells
 * an open port from a closed one.
 */
final class OkHttpFeedFetcher implements FeedFetcher {
    static final String PROVIDER = "calendar feed";

    private final GuardedHttp http;
    private final ProviderResponses responses;
    private final long maxBytes;

    OkHttpFeedFetcher(GuardedHttp http, ProviderResponses responses, long maxBytes) {
        this.http = http;
        this.responses = responses;
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
        try (Response response = http.execute(request.build())) {
            if (response.code() == 304) {
                return new FeedResponse.NotModified();
            }
            if (!response.isSuccessful()) {
                throw failure(response.code(), response);
            }
            return new FeedResponse.Fetched(read(response.body()), response.header("ETag"), response.header("Last-Modified"));
        } catch (AddressRefusedException e) {
            throw new FeedAddressRefusedException("the feed address points to a " + e.kind()
                    + ", which the worker does not fetch from (an operator can allow a network in sync.allowed_networks)", e);
        } catch (IOException e) {
            throw responses.of(e);
        }
    }

    /** 401/403/404/410: the address is wrong or revoked, a person must act; 408/429/5xx: later; else unreadable. */
    private RuntimeException failure(int code, Response response) {
        if (code == 401 || code == 403 || code == 404 || code == 410) {
            return new SourceUnauthorizedException(PROVIDER + " refused the source with HTTP " + code);
        }
        if (ProviderResponses.unavailable(code)) {
            return responses.of(response);
        }
        return new InvalidResponseException(PROVIDER + " answered HTTP " + code);
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
