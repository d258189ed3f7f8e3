package io.celeriac.email.summary;

/** What one run of {@code send_daily_email_summary} did: summaries queued, users with nothing to report, users not due yet. */
public record SummaryReport(int queued, int empty, int notDue) {
}
