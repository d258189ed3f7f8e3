package io.celeriac.sync.notion;

import io.celeriac.http.Caller;
import io.celeriac.http.CircuitBreakers;
import io.celeriac.sync.InvalidResponseException;
import io.celeriac.sync.SourceFailures;
import io.celeriac.sync.SourceKind;
import io.celeriac.sync.SourceOutcome;
import io.celeriac.sync.SyncReport;
import io.celeriac.sync.db.NotionStore;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.secret.TokenVault;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code sync_notion_pages}.
 *
 * <ol>
 *   <li>for each active integration: open its token (a token that does not decrypt marks the
 *       integration as needing attention; a legacy plaintext one is sealed, when there is a key);</li>
 *   <li>search pages newest edit first, page by page
 *       ({@code start_cursor} / {@code has_more}), through Notion's circuit breaker;</li>
 *   <li>upsert each page of results, stopping at the first page edited before the cursor;</li>
 *   <li>only when every page was read, move the cursor to the newest edit seen: a run cut short
 *       (429, timeout) leaves the cursor, so the retry reads the same pages again, harmlessly;</li>
 *   <li>a failing integration gets its outcome and the run goes on with the next.</li>
 * </ol>
 */
public final class NotionSync {
    private static final Logger log = LoggerFactory.getLogger(NotionSync.class);
    /** 100 results a request: a bound on one run against a runaway cursor loop. */
    private static final int MAX_REQUESTS = 1_000;

    private final SourceStore sources;
    private final NotionStore pages;
    private final NotionClient client;
    private final CircuitBreakers breakers;
    private final String breakerKey;
    private final SourceFailures failures;
    private final TokenVault tokens;

    /** @param breakerKey the breaker Notion's calls go through ({@code notion api.notion.com:443}) */
    public NotionSync(SourceStore sources, NotionStore pages, NotionClient client, CircuitBreakers breakers,
                      String breakerKey, TokenVault tokens) {
        this.sources = sources;
        this.pages = pages;
        this.client = client;
        this.breakers = breakers;
        this.breakerKey = breakerKey;
        this.tokens = tokens;
        this.failures = new SourceFailures(sources);
    }

    /** Syncs the integrations of {@code userId}, or of every user when null. */
    public SyncReport run(Long userId, Clock clock) {
        SyncReport report = new SyncReport();
        for (NotionSource source : sources.activeNotionSources(userId)) {
            SourceOutcome outcome;
            try {
                outcome = syncOne(source, clock);
            } catch (RuntimeException | VirtualMachineError e) {
                // one integration's failure, memory included, is its own: the others still sync
                outcome = failures.outcome(SourceKind.NOTION, source.id(), e);
            }
            report.add(outcome);
            log.atInfo().addKeyValue("source_id", source.id()).addKeyValue("outcome", outcome.getClass().getSimpleName())
                    .log("notion integration synced");
        }
        return report;
    }

    private SourceOutcome syncOne(NotionSource source, Clock clock) {
        TokenVault.Opened opened = tokens.open(source.storedToken());
        String token = opened.token();
        opened.replacement().ifPresent(sealed -> {
            sources.sealToken(source.id(), source.storedToken(), sealed);
            log.atInfo().addKeyValue("source_id", source.id()).log("notion token sealed under the current key");
        });
        Instant since = source.cursor();
        Instant newest = since;
        int created = 0;
        int updated = 0;
        String cursor = null;
        for (int request = 0; request < MAX_REQUESTS; request++) {
            String startCursor = cursor;
            SearchResults results = breakers.call(breakerKey, Caller.of(source.userId(), source.id()),
                    () -> client.search(token, startCursor));
            // Edit times are minutes: a page edited in the cursor's own minute is read again, never lost.
            var fresh = results.pages().stream().filter(p -> since == null || !p.lastEdited().isBefore(since)).toList();
            for (NotionPage page : fresh) {
                newest = newest == null || page.lastEdited().isAfter(newest) ? page.lastEdited() : newest;
            }
            var changes = pages.upsert(source, fresh, clock.instant());
            created += changes.created();
            updated += changes.updated();
            cursor = fresh.size() < results.pages().size() ? null : results.nextCursor();
            if (cursor == null) {
                pages.finish(source, newest, clock.instant());
                return new SourceOutcome.Synced(source.id(), created, updated, 0);
            }
        }
        throw new InvalidResponseException("notion kept paginating after " + MAX_REQUESTS + " requests");
    }
}
