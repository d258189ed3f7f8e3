/**
 * Tasks: a {@link io.celeriac.core.task.TaskHandler} registered by name with its
 * {@link io.celeriac.core.task.TaskOptions}; modules contribute theirs through the
 * {@link io.celeriac.core.task.TaskModule} service interface.
 */
package io.celeriac.core.task;
