/**
 * Creating and managing AI tasks ({@link io.celeriac.ai.service.AiTaskService}, validated by
 * {@link io.celeriac.ai.service.TaskValidator}) and turning due occurrences into runs on time
 * ({@link io.celeriac.ai.service.Dispatcher}).
 */
package io.celeriac.ai.service;
