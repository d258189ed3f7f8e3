/**
 * {@code celeriac control}, the remote-control methods of {@code celeriac inspect}, and
 * {@code celeriac events}: Celery's operator tools for a mixed fleet, speaking kombu's pidbox and
 * Celery's event stream, so they reach Python and Celeriac workers alike.
 */
package io.celeriac.core.cli.fleet;
