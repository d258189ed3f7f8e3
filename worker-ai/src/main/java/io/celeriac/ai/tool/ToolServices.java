package io.celeriac.ai.tool;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.celeriac.ai.notify.Notifier;
import io.celeriac.ai.service.AiTaskService;

/** What tools are built with. */
public record ToolServices(AiTaskService tasks, Notifier notifier, ObjectMapper json) {
}
