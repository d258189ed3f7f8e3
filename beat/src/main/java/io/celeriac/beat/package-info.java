/**
 * Celeriac beat: sends periodic tasks on their schedules, exactly once across replicas. Entries come
 * from the {@code beat:} section of the config and from Redis ({@code celeriac beat add}); the
 * {@link io.celeriac.beat.Beat} loop fires them, claiming each occurrence in Redis before sending.
 */
package io.celeriac.beat;
