package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The page script's live polling, run by Node against a stub page (live-poll-check.js): values
 * land as text in the marked elements, and a lost session stops the polling. Skipped where Node
 * is not installed (no headless browser here; this checks the script's logic, not a browser's).
 */
class DashboardScriptTest {
    @Test
    void one_poll_round_sets_the_marked_elements_text_and_a_401_stops_polling() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        Path script = Path.of("src/main/resources/io/celeriac/dashboard/static/dashboard.js");
        Path check = Path.of("src/test/resources/io/celeriac/dashboard/live-poll-check.js");
        Process node = new ProcessBuilder("node", check.toString(), script.toString()).redirectErrorStream(true).start();
        assertTrue(node.waitFor(30, TimeUnit.SECONDS), "node finished");
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), output);
        assertTrue(output.contains("live-poll-check: passed"), output);
    }

    private static boolean nodeAvailable() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
