/**
 * worker-file: {@code cleanup_temp_files} and {@code backup_user_data}, and the {@code backup}
 * command. {@link io.celeriac.file.FileTasks} wires the tasks; JDBC, Jdbi and PostgreSQL's COPY
 * stay in {@code db}.
 */
package io.celeriac.file;
