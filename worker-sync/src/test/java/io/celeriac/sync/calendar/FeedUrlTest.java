package io.celeriac.sync.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celeriac.sync.InvalidSourceException;
import org.junit.jupiter.api.Test;

class FeedUrlTest {
    @Test
    void https_http_and_webcal_are_accepted_and_the_scheme_is_stored_in_lower_case() {
        assertEquals("https://calendar.example.com/a.ics", FeedUrl.check(" https://calendar.example.com/a.ics "));
        assertEquals("http://127.0.0.1:8080/a.ics", FeedUrl.check("http://127.0.0.1:8080/a.ics"));
        assertEquals("webcal://p01-caldav.icloud.com/published/2/abc", FeedUrl.check("WEBCAL://p01-caldav.icloud.com/published/2/abc"));
    }

    @Test
    void anything_else_names_the_field_and_never_repeats_the_address() {
        for (String bad : new String[] {"", "ftp://example.com/a.ics", "calendar.example.com/a.ics", "https:///a.ics",
                "https://exa mple.com/private-s3cr3t.ics"}) {
            InvalidSourceException e = assertThrows(InvalidSourceException.class, () -> FeedUrl.check(bad), bad);
            assertEquals("url: ", e.getMessage().substring(0, 5), e.getMessage());
            assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        }
    }
}
