package io.celeriac.core.digest;

import io.celeriac.core.task.ModuleContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A module's part of a user's daily summary, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.celeriac.core.digest.DigestContributor}).
 */
public interface DigestContributor {

    /**
     * The sections for user {@code userId} on {@code day} in the user's zone (e.g. "Yesterday's AI
     * task runs" for day - 1 and "Today's upcoming tasks" for day); empty when there is nothing to
     * report. Reads the module's tables through the database component ({@code ModuleContext.component}).
     */
    List<DigestSection> sections(long userId, LocalDate day, ZoneId zone, ModuleContext context);
}
