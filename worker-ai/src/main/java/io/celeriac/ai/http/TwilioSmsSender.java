package io.celeriac.ai.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.AiConfig;
import io.celeriac.ai.notify.SmsSender;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * SMS through Twilio's REST API: {@code POST <base>/2010-04-01/Accounts/<sid>/Messages.json},
 * form-encoded To, From, Body, with basic auth. The base URL is configurable (tests, proxies).
 *
 * <p>A send whose request went out without an answer (read timeout) is not resent blindly:
 * {@link #findSent} reads Twilio's message list for the number and the sending window
 * ({@code GET Messages.json?To=&From=&DateSent>=&DateSent<=}, newest first, up to
 * {@link #MAX_PAGES} pages) and matches the body and creation time.
 */
public final class TwilioSmsSender implements SmsSender {
    static final int MAX_PAGES = 5;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final AiConfig.Sms settings;
    private final ProviderCall call;
    private final ObjectMapper json;
    private final Clock clock;

    /** Built by {@link AiHttp#smsSender()}; {@code call}'s client listens for {@link SendProgress}. */
    TwilioSmsSender(AiConfig.Sms settings, ProviderCall call, Clock clock, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.call = call;
    }

    @Override
    public String send(String to, String body, String idempotencyKey) {
        Request request = new Request.Builder()
                .url(messagesUrl().build())
                .header("Authorization", Credentials.basic(settings.accountSid(), settings.authToken()))
                // Twilio ignores it for messages, but proxies and our logs can correlate on it
                .header("I-Twilio-Idempotency-Token", idempotencyKey)
                .tag(SendProgress.class, new SendProgress())
                .post(new FormBody.Builder().add("To", to).add("From", settings.from()).add("Body", body).build())
                .build();
        String response = call.execute(request);
        try {
            return json.readTree(response).path("sid").asText("twilio");
        } catch (IOException e) {
            return "twilio";
        }
    }

    @Override
    public Optional<String> findSent(String to, String body, Instant since, Predicate<String> known) {
        // a minute of slack either way for Twilio's clock against ours
        Instant from = since.minusSeconds(60);
        HttpUrl url = messagesUrl().addQueryParameter("To", to).addQueryParameter("From", settings.from())
                .addQueryParameter("DateSent>", DAY.format(from.atOffset(ZoneOffset.UTC)))
                .addQueryParameter("DateSent<", DAY.format(clock.instant().plusSeconds(60).atOffset(ZoneOffset.UTC)))
                .addQueryParameter("PageSize", "50").build();
        for (int page = 0; page < MAX_PAGES && url != null; page++) {
            JsonNode root = read(call.execute(new Request.Builder().url(url)
                    .header("Authorization", Credentials.basic(settings.accountSid(), settings.authToken())).get().build()));
            for (JsonNode message : root.path("messages")) {
                String sid = message.path("sid").asText("");
                Instant created = created(message.path("date_created").asText(""));
                // trial accounts prefix the body; the number is matched by the query
                if (message.path("body").asText("").endsWith(body) && created != null && !created.isBefore(from)
                        && !sid.isEmpty() && !known.test(sid)) {
                    return Optional.of(sid);
                }
            }
            String next = root.path("next_page_uri").asText("");
            url = next.isEmpty() || "null".equals(next) ? null : HttpUrl.parse(settings.baseUrl() + next);
        }
        return Optional.empty();
    }

    private HttpUrl.Builder messagesUrl() {
        return HttpUrl.get(settings.baseUrl() + "/2010-04-01/Accounts/" + settings.accountSid() + "/Messages.json").newBuilder();
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    /** Twilio's dates are RFC 2822: {@code Thu, 30 Jul 2015 20:12:31 +0000}. */
    private static Instant created(String text) {
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "twilio";
    }
}
