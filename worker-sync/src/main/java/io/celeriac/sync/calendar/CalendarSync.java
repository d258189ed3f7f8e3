package io.celeriac.sync.calendar;

import io.celeriac.http.Caller;
import io.celeriac.http.CircuitBreakers;
import io.celeriac.sync.CalendarLimits;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code sync_calendar_events}.
 *
 * <ol>
 *   <li>group the active feeds by user into lanes; run at most {@code calendar_concurrency} lanes at
 *       once ({@link FeedLanes}), each user's feeds one after another;</li>
 *   <li>per feed: a conditional GET through the breakers of its {@code host:port}, attributed to the
 *       feed and its user; 304: only note the check; 200: parse, expand over the window within the
 *       limits, and replace the feed's events with what it holds now;</li>
 *   <li>a failing feed, whatever it threw (memory exhaustion included), gets its outcome and its
 *       lane goes on; a feed not started within the run's or its user's time budget is deferred;</li>
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
    private final CircuitBreakers breakers;
    private final SyncSettings settings;
    private final ICalendarParser parser;
    private final SourceFailures failures;

    public CalendarSync(SourceStore sources, CalendarStore events, FeedFetcher fetcher, CircuitBreakers breakers,
                        SyncSettings settings) {
        this.sources = sources;
        this.events = events;
        this.fetcher = fetcher;
        this.breakers = breakers;
        this.settings = settings;
        this.parser = new ICalendarParser(settings.limits().maxPerEvent(), settings.limits().maxPerFeed());
        this.failures = new SourceFailures(sources);
    }

    /** Syncs the feeds of {@code userId}, or of every user when null. */
    public SyncReport run(Long userId, Clock clock) {
        CalendarLimits limits = settings.limits();
        SyncReport report = new SyncReport();
        Set<Long> users = ConcurrentHashMap.newKeySet();
        Instant runEnds = clock.instant().plus(limits.runBudget());
        FeedLanes.run(FeedLanes.byUser(sources.activeCalendarSources(userId)), limits.concurrency(), (lane, stopping) -> {
            Instant laneStart = clock.instant();
            Instant laneEnds = min(runEnds, laneStart.plus(limits.userBudget()));
            for (CalendarSource source : lane) {
                if (stopping.getAsBoolean()) {
                    return;
                }
                Instant now = clock.instant();
                SourceOutcome outcome = now.isBefore(laneEnds) ? isolated(source, now)
                        : new SourceOutcome.Deferred(source.id(), "not read in this run: "
                        + (now.isBefore(runEnds) ? "its user's feeds used up their time budget" : "the run's time budget was used up"),
                        null, null);
                report.add(outcome);
                if (outcome instanceof SourceOutcome.Synced || outcome instanceof SourceOutcome.NotModified) {
                    users.add(source.userId());
                }
                log.atInfo().addKeyValue("source_id", source.id()).addKeyValue("host", source.host())
                        .addKeyValue("outcome", outcome.getClass().getSimpleName())
                        .log("calendar feed synced");
            }
        });
        report.conflicts(events.flagConflicts(users));
        return report;
    }

    /**
     * One feed, whatever it throws: an OutOfMemoryError is caught here too, after the stack it
     * unwound has let go of the feed's body and occurrences, so the other feeds of the run go on.
     * Only an interruption (the task is being stopped) passes through.
     */
    private SourceOutcome isolated(CalendarSource source, Instant now) {
        try {
            return syncOne(source, now);
        } catch (Throwable failure) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("calendar sync interrupted");
            }
            if (failure instanceof VirtualMachineError) {
                log.atError().addKeyValue("source_id", source.id()).addKeyValue("error", failure.getClass().getSimpleName())
                        .log("calendar feed exhausted the worker; it failed alone and the run goes on");
            }
            return recorded(source, failure);
        }
    }

    private SourceOutcome recorded(CalendarSource source, Throwable failure) {
        try {
            return failures.outcome(SourceKind.CALENDAR, source.id(), failure);
        } catch (RuntimeException cannotRecord) {
            log.atWarn().addKeyValue("source_id", source.id()).addKeyValue("error", cannotRecord.toString())
                    .log("calendar feed failure not recorded");
            return new SourceOutcome.Failed(source.id(), "not recorded: " + cannotRecord.getClass().getSimpleName());
        }
    }

    private SourceOutcome syncOne(CalendarSource source, Instant now) {
        boolean conditional = source.expandedAt() != null && source.expandedAt().isAfter(now.minus(REEXPAND_EVERY));
        FeedResponse response = breakers.call("calendar feed " + source.endpoint(), Caller.of(source.userId(), source.id()),
                () -> fetcher.fetch(source.url(), conditional ? source.etag() : null, conditional ? source.lastModified() : null));
        if (response instanceof FeedResponse.Fetched fetched) {
            List<CalendarEvent> occurrences = parser.parse(fetched.body(), source.zone(),
                    now.minus(settings.calendarBehind()), now.plus(settings.calendarAhead()));
            var changes = events.replace(source, occurrences, fetched, now);
            return new SourceOutcome.Synced(source.id(), changes.created(), changes.updated(), changes.deleted());
        }
        sources.markChecked(SourceKind.CALENDAR, source.id(), now);
        return new SourceOutcome.NotModified(source.id());
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
