/**
 * Batches (Sidekiq Pro's idea): a group of tasks that may grow while it runs, with an
 * {@code on_success} and an {@code on_complete} callback each sent exactly once, and progress
 * counts. {@link io.celeriac.core.flow.batch.Batches} is the entry; the counting happens in the
 * worker's completion script (complete.lua, op 'B'), so it is atomic with the task's outcome.
 */
package io.celeriac.core.flow.batch;
