/** Jdbi adapter: sources, events and pages, with upserts that write only what changed. */
package io.celeriac.sync.db;
