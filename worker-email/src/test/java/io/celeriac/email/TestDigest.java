package io.celeriac.email;

import io.celeriac.core.digest.DigestContributor;
import io.celeriac.core.digest.DigestSection;
import io.celeriac.core.task.ModuleContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A digest contributor the tests fill: lines per user id (registered in src/test/resources/META-INF/services). */
public final class TestDigest implements DigestContributor {
    static final Map<Long, List<String>> LINES = new ConcurrentHashMap<>();

    @Override
    public List<DigestSection> sections(long userId, LocalDate day, ZoneId zone, ModuleContext context) {
        List<String> lines = LINES.getOrDefault(userId, List.of());
        return lines.isEmpty() ? List.of() : List.of(new DigestSection("Today's upcoming tasks (" + day + ")", 10, lines));
    }
}
