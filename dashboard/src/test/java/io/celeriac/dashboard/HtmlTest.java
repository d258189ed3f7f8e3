package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapes_the_five_characters_that_make_markup() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;, &#39;y&#39;) &amp;&lt;/script&gt;", Html.esc("<script>alert(\"x\", 'y') &</script>"));
        assertEquals("", Html.esc(null));
    }

    @Property
    void no_text_survives_escaping_with_a_tag_or_quote(@ForAll String text) {
        String escaped = Html.esc(text);
        assertFalse(escaped.contains("<") || escaped.contains(">") || escaped.contains("\"") || escaped.contains("'"), escaped);
    }

    @Property
    void json_in_a_script_block_cannot_close_it(@ForAll String text) {
        assertFalse(Html.jsonInScript(text).toLowerCase().contains("</script"));
    }
}
