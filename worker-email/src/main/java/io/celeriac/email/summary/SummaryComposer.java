package io.celeriac.email.summary;

import io.celeriac.core.digest.DigestContributor;
import io.celeriac.core.digest.DigestSection;
import io.celeriac.core.task.ModuleContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a user's summary from every {@link DigestContributor}'s sections, in section order.
 * A contributor that throws loses its sections for this summary, not the whole summary.
 */
public final class SummaryComposer {
    private static final Logger log = LoggerFactory.getLogger(SummaryComposer.class);
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    private final List<DigestContributor> contributors;
    private final ModuleContext context;

    public SummaryComposer(List<DigestContributor> contributors, ModuleContext context) {
        this.contributors = List.copyOf(contributors);
        this.context = context;
    }

    /** A finished summary. */
    public record Summary(String subject, String body) {
    }

    /** The summary of {@code day} for {@code recipient}, or empty when no section has a line. */
    public Optional<Summary> compose(Recipient recipient, LocalDate day, ZoneId zone) {
        List<DigestSection> sections = new ArrayList<>();
        for (DigestContributor contributor : contributors) {
            try {
                contributor.sections(recipient.userId(), day, zone, context).stream()
                        .filter(s -> !s.lines().isEmpty()).forEach(sections::add);
            } catch (RuntimeException e) {
                log.atWarn().addKeyValue("user_id", recipient.userId()).addKeyValue("contributor", contributor.getClass().getName())
                        .addKeyValue("error", e.toString()).log("digest contributor failed; its sections are left out");
            }
        }
        if (sections.isEmpty()) {
            return Optional.empty();
        }
        sections.sort(Comparator.comparingInt(DigestSection::order).thenComparing(DigestSection::title));
        StringBuilder body = new StringBuilder();
        body.append("Good morning").append(recipient.name() == null || recipient.name().isBlank() ? "" : ", " + recipient.name())
                .append(".\n\nYour summary for ").append(LONG_DATE.format(day)).append(".\n");
        for (DigestSection section : sections) {
            body.append("\n").append(section.title()).append("\n");
            for (String line : section.lines()) {
                body.append("  - ").append(line).append("\n");
            }
        }
        return Optional.of(new Summary("Your daily summary for " + day, body.toString()));
    }
}
