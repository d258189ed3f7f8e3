package io.celeriac.sync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.celeriac.sync.InvalidSourceException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotionTokenInputTest {
    private static final String TOKEN = "secret_abcdefghijklmnop";
    private static final InputStream NO_INPUT = InputStream.nullInputStream();

    @TempDir
    Path dir;

    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_token_comes_from_a_named_variable_a_file_or_standard_input_without_surrounding_whitespace() throws Exception {
        assertEquals(TOKEN, NotionTokenInput.read("NOTION_TOKEN", null, Map.of("NOTION_TOKEN", TOKEN), NO_INPUT));
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        assertEquals(TOKEN, NotionTokenInput.read(null, file, Map.of(), NO_INPUT));
        assertEquals(TOKEN, NotionTokenInput.read(null, null, Map.of(), stdin("  " + TOKEN + "\r\n")));
    }

    @Test
    void missing_empty_or_ambiguous_input_names_its_source_and_never_the_token() {
        assertEquals("token: environment variable NOTION_TOKEN is not set or empty", assertThrows(InvalidSourceException.class,
                () -> NotionTokenInput.read("NOTION_TOKEN", null, Map.of(), NO_INPUT)).getMessage());
        assertEquals("token: no file " + dir.resolve("none"), assertThrows(InvalidSourceException.class,
                () -> NotionTokenInput.read(null, dir.resolve("none"), Map.of(), NO_INPUT)).getMessage());
        assertThrows(InvalidSourceException.class, () -> NotionTokenInput.read("A", dir.resolve("token"), Map.of("A", TOKEN), NO_INPUT));
        String empty = assertThrows(InvalidSourceException.class, () -> NotionTokenInput.read(null, null, Map.of(), stdin("\n")))
                .getMessage();
        assertEquals("token: standard input is empty; pass --token-env VAR or --token-file PATH, or pipe the token on standard input", empty);
        String twoWords = assertThrows(InvalidSourceException.class,
                () -> NotionTokenInput.read(null, null, Map.of(), stdin(TOKEN + " " + TOKEN))).getMessage();
        assertFalse(twoWords.contains(TOKEN), twoWords);
        assertThrows(InvalidSourceException.class, () -> NotionTokenInput.read(null, null, Map.of(), stdin("v1:AAAA")));
    }
}
