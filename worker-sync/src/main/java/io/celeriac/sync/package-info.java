/**
 * worker-sync: users' calendar feeds and Notion pages mirrored into PostgreSQL (queue
 * {@code sync_tasks}). {@link io.celeriac.sync.SyncTasks} registers the tasks; a run visits every
 * source, turns each source's failure into a {@link io.celeriac.sync.SourceOutcome} so one broken
 * source never stops the others, and retries the task only for what waiting can fix.
 * Adapters: {@code http} (OkHttp), {@code ical} (ical4j), {@code db} (Jdbi); {@code secret} seals
 * Notion tokens at rest; {@code cli} is {@code celeriac sync}.
 */
package io.celeriac.sync;
