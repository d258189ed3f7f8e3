package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PagingTest {
    @Test
    void defaults_to_the_first_page_of_fifty() {
        Paging paging = Paging.parse(null, "");
        assertEquals(0, paging.from());
        assertEquals(49, paging.to());
    }

    @Test
    void a_window_is_bounded() {
        assertThrows(IllegalArgumentException.class, () -> Paging.parse("0", "501"));
        assertThrows(IllegalArgumentException.class, () -> Paging.parse("-1", "10"));
        assertEquals("page must be a number, got \"x\"",
                assertThrows(IllegalArgumentException.class, () -> Paging.parse("x", null)).getMessage());
    }

    /** Whatever the query string holds: a bounded window or a clear IllegalArgumentException (a 400), nothing else. */
    @Property
    void any_input_gives_a_bounded_window_or_a_clear_refusal(@ForAll String page, @ForAll String size) {
        try {
            Paging paging = Paging.parse(page, size);
            assertTrue(paging.to() - paging.from() < Paging.MAX_SIZE);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().startsWith("page") || refused.getMessage().startsWith("size"), refused.getMessage());
        }
    }
}
