package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.core.cli.Main;
import org.junit.jupiter.api.Test;

/** {@code celeriac dashboard} is found through the CLI extension, and bad options stop it before it connects (exit 2). */
class DashboardCommandTest {
    @Test
    void the_launcher_lists_the_dashboard() {
        assertTrue(Main.commandLine().getSubcommands().containsKey("dashboard"));
        assertEquals(0, Main.run("dashboard", "--help"));
    }

    @Test
    void users_and_redact_come_from_the_config_when_no_option_names_them() throws Exception {
        String hash = org.springframework.security.crypto.bcrypt.BCrypt.hashpw("pw", org.springframework.security.crypto.bcrypt.BCrypt.gensalt(4));
        DashboardCommand command = new DashboardCommand();
        command.bind = "0.0.0.0";
        command.port = 5555;
        DashboardSettings settings = command.settings(io.celeriac.core.internal.Json.mapper().readTree(
                "{\"users\": [\"ann:operator:" + hash + "\"], \"redact\": true}"));
        assertTrue(settings.authenticated() && settings.redact());
        assertTrue(settings.users().check("ann", "pw").isPresent());
    }

    @Test
    void bad_options_exit_2_before_connecting() {
        // an unreachable broker: a refusal must come before any connection attempt
        String nowhere = "--broker-url=redis://127.0.0.1:1/0";
        assertEquals(2, Main.run("dashboard", nowhere, "--port", "70000"));
        assertEquals(2, Main.run("dashboard", nowhere, "--users", "ann:operator:plaintext"));
        assertEquals(2, Main.run("dashboard", nowhere, "--bind", "10.1.2.3", "--users", ""));
    }
}
