/**
 * The AI module's data: users as it reads them, tasks with their {@link io.celeriac.ai.model.TaskSchedule},
 * runs (one per occurrence) and the small enums stored beside them. Plain records, no I/O.
 */
package io.celeriac.ai.model;
