package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Where a login sends the browser next: a path of this site, never another site. */
class LoginRedirectTest {
    @Test
    void keeps_local_paths_and_drops_the_rest() {
        assertEquals("/dead?queue=q&page=2", Login.safeNext("/dead?queue=q&page=2"));
        assertEquals("/", Login.safeNext("//evil.example/"));
        assertEquals("/", Login.safeNext("/\t/evil.example/"));
        assertEquals("/", Login.safeNext("/\\evil.example/"));
        assertEquals("/", Login.safeNext("https://evil.example/"));
        assertEquals("/", Login.safeNext(null));
    }

    @Property
    void any_input_gives_a_path_of_this_site(@ForAll String next) {
        String safe = Login.safeNext(next);
        assertTrue(safe.startsWith("/") && !safe.startsWith("//") && safe.chars().allMatch(c -> c > 0x20 && c < 0x7f), safe);
    }
}
