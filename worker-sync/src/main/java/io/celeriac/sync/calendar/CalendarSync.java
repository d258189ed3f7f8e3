package io.celeriac.sync.calendar;

import io.celeriac.sync.ProviderBreakers;
import io.celeriac.sync.SourceFailures;
import io.celeriac.sync.SourceKind;
import io.celeriac.sync.SourceOutcome;
import io.celeriac.sync.SyncReport;
import io.celeriac.sync.SyncSettings;
import io.celeriac.sync.db.CalendarStore;
import io.celeriac.sync.db.SourceStore;
import io.celeriac.sync.ical.ICalendarParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code sync_calendar_events}.
 *
 * <ol>
 *   <li>for each active feed: a conditional GET through the feed host's circuit breaker;</li>
 *   <li>304: only note the check; 200: parse, expand over the window and replace the feed's
 *       events with what it holds now (inserted, changed, removed);</li>
 *   <li>a failing feed gets its outcome (attention, retry, recorded error) and the run goes on;</li>
 *   <li>re-flag overlapping events of every user whose feeds were read.</li>
 * </ol>
 */
public final class CalendarSync {
    private static final Logger log = LoggerFactory.getLogger(CalendarSync.class);
    /** A feed is read in full at least this often, so the expansion window keeps moving on. */
    private static final Duration REEXPAND_EVERY = Duration.ofDays(1);

    private final SourceStore sources;
    private final CalendarStore events;
    private final FeedFetcher fetcher;
    private final ProviderBreakers breakers;
    private final SyncSettings settings;
    private final ICalendarParser parser = new ICalendarParser();
    private final SourceFailures failures;

    public CalendarSync(SourceStore sources, CalendarStore events, FeedFetcher fetcher, ProviderBreakers breakers,
                        SyncSettings settings) {
        this.sources = sources;
        this.events = events;
        this.fetcher = fetcher;
        this.breakers = breakers;
        this.settings = settings;
        this.failures = new SourceFailures(sources);
    }

    /** Syncs the feeds of {@code userId}, or of every user when null. */
    public SyncReport run(Long userId, Clock clock) {
        SyncReport report = new SyncReport();
        Set<Long> users = new LinkedHashSet<>();
        for (CalendarSource source : sources.activeCalendarSources(userId)) {
            SourceOutcome outcome = syncOne(source, clock.instant());
            report.add(outcome);
            if (outcome instanceof SourceOutcome.Synced || outcome instanceof SourceOutcome.NotModified) {
                users.add(source.userId());
            }
            log.atInfo().addKeyValue("source_id", source.id()).addKeyValue("host", source.host())
                    .addKeyValue("outcome", outcome.getClass().getSimpleName())
                    .log("calendar feed synced");
        }
        report.conflicts(events.flagConflicts(users));
        return report;
    }

    private SourceOutcome syncOne(CalendarSource source, Instant now) {
        try {
            boolean conditional = source.expandedAt() != null && source.expandedAt().isAfter(now.minus(REEXPAND_EVERY));
            FeedResponse response = breakers.call("calendar:" + source.host(), () -> fetcher.fetch(source.url(),
                    conditional ? source.etag() : null, conditional ? source.lastModified() : null));
            if (response instanceof FeedResponse.Fetched fetched) {
                var occurrences = parser.parse(fetched.body(), source.zone(),
                        now.minus(settings.calendarBehind()), now.plus(settings.calendarAhead()));
                var changes = events.replace(source, occurrences, fetched, now);
                return new SourceOutcome.Synced(source.id(), changes.created(), changes.updated(), changes.deleted());
            }
            sources.markChecked(SourceKind.CALENDAR, source.id(), now);
            return new SourceOutcome.NotModified(source.id());
        } catch (RuntimeException e) {
            return failures.outcome(SourceKind.CALENDAR, source.id(), e);
        }
    }
}
