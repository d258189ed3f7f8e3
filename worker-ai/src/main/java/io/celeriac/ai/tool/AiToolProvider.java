package io.celeriac.ai.tool;

import java.util.List;

/**
 * More tools for the model, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.celeriac.ai.tool.AiToolProvider}): adding a tool touches no existing code.
 * A tool that fetches a URL the model or a user names must do it through provider-http's
 * {@link io.celeriac.http.GuardedHttp}, so the model cannot make the worker reach the host's own
 * network (cloud metadata, internal services).
 */
public interface AiToolProvider {
    List<AiTool> tools(ToolServices services);
}
