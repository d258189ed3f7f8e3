/**
 * worker-ai: users schedule one-off and recurring AI tasks in their own zone; when due, a task runs
 * an LLM with tools and notifies them by SMS or e-mail, on time and once. {@link io.celeriac.ai.AiTasks}
 * registers the tasks, {@link io.celeriac.ai.AiRuntime} wires the parts, {@link io.celeriac.ai.AiConfig}
 * reads the {@code ai:} section.
 */
package io.celeriac.ai;
