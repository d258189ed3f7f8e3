/** Results in Celery's Redis backend layout (Redisson stays inside this package). */
package io.celeriac.core.result.redis;
