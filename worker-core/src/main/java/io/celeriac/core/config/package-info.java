/**
 * The application config file ({@code celeriac.yaml}, Celery's {@code celery_app.py}): routes,
 * queues, result expiry and module sections such as the beat schedule. Read and validated once in
 * the CLI layer; core code gets records.
 */
package io.celeriac.core.config;
