package io.celeriac.sync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celeriac.http.ProviderResponses;
import io.celeriac.sync.InvalidResponseException;
import io.celeriac.sync.SourceUnauthorizedException;
import io.celeriac.sync.notion.NotionClient;
import io.celeriac.sync.notion.NotionPage;
import io.celeriac.sync.notion.SearchResults;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Notion's {@code POST /v1/search} (https://developers.notion.com/reference/post-search): pages
 * only, sorted by {@code last_edited_time} descending so an incremental sync stops at the first
 * page older than its cursor; 100 results per request, the API's maximum.
 */
final class OkHttpNotionClient implements NotionClient {
    private static final String PROVIDER = "notion";
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final Supplier<OkHttpClient> client;
    private final ProviderResponses responses;
    private final URI baseUrl;
    private final String version;
    private final ObjectMapper json = new ObjectMapper();

    OkHttpNotionClient(Supplier<OkHttpClient> client, ProviderResponses responses, URI baseUrl, String version) {
        this.client = client;
        this.responses = responses;
        this.baseUrl = baseUrl;
        this.version = version;
    }

    @Override
    public SearchResults search(String token, String startCursor) {
        ObjectNode body = json.createObjectNode();
        body.putObject("filter").put("property", "object").put("value", "page");
        body.putObject("sort").put("direction", "descending").put("timestamp", "last_edited_time");
        body.put("page_size", 100);
        if (startCursor != null) {
            body.put("start_cursor", startCursor);
        }
        Request request = new Request.Builder()
                .url(baseUrl.resolve("/v1/search").toString())
                .header("Authorization", "Bearer " + token)
                .header("Notion-Version", version)
                .post(RequestBody.create(body.toString(), JSON))
                .build();
        try (Response response = client.get().newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw failure(response);
            }
            return parse(json.readTree(response.body().string()));
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                throw new InvalidResponseException("notion answered something that is not JSON", e);
            }
            throw responses.of(e);
        }
    }

    /** 401: the token was revoked, a person must act; 408/429/5xx: later; other 4xx: unreadable. */
    private RuntimeException failure(Response response) {
        int code = response.code();
        if (code == 401) {
            return new SourceUnauthorizedException(PROVIDER + " refused the source with HTTP " + code);
        }
        if (ProviderResponses.unavailable(code)) {
            return responses.of(response);
        }
        return new InvalidResponseException(PROVIDER + " answered HTTP " + code);
    }

    private static SearchResults parse(JsonNode root) {
        if (!root.path("results").isArray()) {
            throw new InvalidResponseException("notion's search answer has no results list");
        }
        List<NotionPage> pages = new ArrayList<>();
        for (JsonNode result : root.path("results")) {
            if ("page".equals(result.path("object").asText())) {
                pages.add(page(result));
            }
        }
        String next = root.path("has_more").asBoolean(false) ? root.path("next_cursor").asText(null) : null;
        return new SearchResults(pages, next);
    }

    private static NotionPage page(JsonNode page) {
        JsonNode parent = page.path("parent");
        String parentType = parent.path("type").asText(null);
        JsonNode parentValue = parentType == null ? null : parent.get(parentType);
        String parentId = parentValue != null && parentValue.isTextual() ? parentValue.asText() : null;
        boolean archived = page.path("archived").asBoolean(false) || page.path("in_trash").asBoolean(false);
        Instant edited;
        try {
            edited = Instant.parse(page.path("last_edited_time").asText());
        } catch (DateTimeParseException e) {
            throw new InvalidResponseException("a notion page has no readable last_edited_time", e);
        }
        return new NotionPage(page.path("id").asText(), title(page.path("properties")), page.path("url").asText(null),
                parentType, parentId, archived, edited);
    }

    /** A page's title is its one property of type {@code title}, whatever the property is called. */
    private static String title(JsonNode properties) {
        for (JsonNode property : properties) {
            if ("title".equals(property.path("type").asText())) {
                StringBuilder title = new StringBuilder();
                property.path("title").forEach(part -> title.append(part.path("plain_text").asText("")));
                return title.toString();
            }
        }
        return "";
    }
}
