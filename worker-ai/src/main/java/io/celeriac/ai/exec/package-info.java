/** Running a claimed occurrence: {@link io.celeriac.ai.exec.RunExecutor} ({@code execute_ai_task}) and its prompts. */
package io.celeriac.ai.exec;
