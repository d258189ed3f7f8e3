package io.celeriac.ai.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.AiConfig;
import io.celeriac.ai.notify.SmsSender;
import java.io.IOException;
import java.time.Clock;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * SMS through Twilio's REST API: {@code POST <base>/2010-04-01/Accounts/<sid>/Messages.json},
 * form-encoded To, From, Body, with basic auth. The base URL is configurable (tests, proxies).
 */
public final class TwilioSmsSender implements SmsSender {
    private final AiConfig.Sms settings;
    private final ProviderCall call;
    private final ObjectMapper json;

    public TwilioSmsSender(AiConfig.Sms settings, AiConfig.Providers providers, OkHttpClient client, Clock clock, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.call = new ProviderCall("twilio", client, clock, providers, json);
    }

    @Override
    public String send(String to, String body, String idempotencyKey) {
        Request request = new Request.Builder()
                .url(settings.baseUrl() + "/2010-04-01/Accounts/" + settings.accountSid() + "/Messages.json")
                .header("Authorization", Credentials.basic(settings.accountSid(), settings.authToken()))
                // Twilio ignores it for messages, but proxies and our logs can correlate on it
                .header("I-Twilio-Idempotency-Token", idempotencyKey)
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
    public String name() {
        return "twilio";
    }
}
