/**
 * Tools the model may call ({@link io.celeriac.ai.tool.AiTool}), offered by a
 * {@link io.celeriac.ai.tool.ToolBox}: send_notification, create_ai_task, list_ai_tasks,
 * get_current_time, and whatever an {@link io.celeriac.ai.tool.AiToolProvider} adds.
 */
package io.celeriac.ai.tool;
