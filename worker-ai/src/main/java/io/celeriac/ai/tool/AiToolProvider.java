package io.celeriac.ai.tool;

import java.util.List;

/**
 * More tools for the model, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.celeriac.ai.tool.AiToolProvider}): adding a tool touches no existing code.
 */
public interface AiToolProvider {
    List<AiTool> tools(ToolServices services);
}
