/** The Redis result backend's read side: a task's stored meta, and waiting for it the way Celery clients do. */
package io.celeriac.core.result;
