package io.celeriac.dashboard.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));

    @Test
    void a_session_lapses_after_its_lifetime() {
        Sessions sessions = new Sessions(clock);
        Sessions.Session session = sessions.open("ann", Role.VIEWER);
        assertNotEquals(session.id(), session.csrf(), "the CSRF token is not the session id");
        assertTrue(sessions.find(session.id()).isPresent());
        clock.advance(Sessions.LIFETIME.plusSeconds(1));
        assertTrue(sessions.find(session.id()).isEmpty());
    }

    @Test
    void sessions_opened_without_end_stay_bounded_and_the_oldest_go_first() {
        Sessions sessions = new Sessions(clock);
        Sessions.Session first = sessions.open("local", Role.OPERATOR);
        for (int i = 0; i < Sessions.MAX_SESSIONS + 50; i++) {
            clock.advance(Duration.ofMillis(1));
            sessions.open("local", Role.OPERATOR);
        }
        assertEquals(Sessions.MAX_SESSIONS, sessions.size());
        assertTrue(sessions.find(first.id()).isEmpty());
    }
}
