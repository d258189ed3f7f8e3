/** Which queue a task goes to: task-name glob patterns, first match wins, else the default queue. */
package io.celeriac.core.routing;
