package io.celeriac.ai.db;

import io.celeriac.ai.model.AiTask;
import io.celeriac.ai.model.AiTaskRun;
import io.celeriac.ai.model.Channel;
import io.celeriac.ai.model.Notification;
import io.celeriac.ai.model.RunStatus;
import io.celeriac.ai.model.TaskKind;
import io.celeriac.ai.model.TaskSchedule;
import io.celeriac.ai.model.TaskStatus;
import io.celeriac.ai.model.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** Row mappers and binding helpers; instants travel as UTC {@code timestamptz} whatever the JVM's zone. */
final class Rows {
    private Rows() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static <S extends SqlStatement<S>> S bindInstant(S statement, String name, Instant value) {
        return statement.bindByType(name, value == null ? null : value.atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static User user(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                ZoneId.of(rs.getString("time_zone")), rs.getBoolean("notify_email"), rs.getBoolean("notify_sms"));
    }

    static AiTask task(ResultSet rs, StatementContext ctx) throws SQLException {
        TaskSchedule schedule = switch (rs.getString("schedule_type")) {
            case "once" -> new TaskSchedule.Once(instant(rs, "run_at"));
            case "cron" -> new TaskSchedule.Cron(rs.getString("cron_expression"));
            default -> new TaskSchedule.Every(Duration.ofSeconds(rs.getLong("interval_seconds")), instant(rs, "run_at"));
        };
        return new AiTask(rs.getLong("id"), rs.getLong("user_id"), rs.getString("title"), rs.getString("prompt"),
                TaskKind.of(rs.getString("kind")), schedule, ZoneId.of(rs.getString("time_zone")),
                instant(rs, "next_run_at"), instant(rs, "last_run_at"), TaskStatus.of(rs.getString("status")),
                Channel.parseList(rs.getString("channels")), rs.getInt("run_count"), nullableInt(rs, "max_runs"),
                instant(rs, "end_at"), rs.getString("idempotency_key"), instant(rs, "created_at"),
                instant(rs, "updated_at"), nullableLong(rs, "created_by_run"));
    }

    static AiTaskRun run(ResultSet rs, StatementContext ctx) throws SQLException {
        return new AiTaskRun(rs.getLong("id"), rs.getLong("task_id"), instant(rs, "scheduled_for"),
                RunStatus.of(rs.getString("status")), rs.getInt("attempts"), instant(rs, "claimed_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("output"),
                rs.getString("tool_calls"), rs.getInt("tokens_used"), rs.getString("error"), rs.getString("notification"),
                rs.getString("owner"), rs.getString("owner_started"), instant(rs, "answered_at"));
    }

    static Notification notification(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Notification(rs.getLong("run_id"), Channel.of(rs.getString("channel")),
                Notification.Status.of(rs.getString("status")), rs.getString("subject"), rs.getString("body"),
                rs.getInt("attempts"), instant(rs, "sending_since"), rs.getString("provider_ref"), rs.getString("detail"));
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
