package io.celeriac.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.celeriac.dashboard.auth.Role;
import io.celeriac.dashboard.auth.Users;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;

class UsersTest {
    private static final String HASH = BCrypt.hashpw("pw", BCrypt.gensalt(4));

    @Test
    void parses_users_and_checks_passwords_against_their_hashes() {
        Users users = Users.parse("ann:operator:" + HASH + ", bob:viewer:" + HASH);
        assertEquals(Role.OPERATOR, users.check("ann", "pw").orElseThrow().role());
        assertEquals(Role.VIEWER, users.check("bob", "pw").orElseThrow().role());
        assertTrue(users.check("ann", "wrong").isEmpty());
        assertTrue(users.check("nobody", "pw").isEmpty());
        assertTrue(users.check(null, null).isEmpty());
    }

    /** Whatever the env holds: users, or a clear IllegalArgumentException that never repeats what followed the name. */
    @net.jqwik.api.Property(tries = 300)
    void any_spec_parses_or_is_refused_without_echoing_secrets(@net.jqwik.api.ForAll String name, @net.jqwik.api.ForAll String secret) {
        String spec = name + ":operator:" + secret;
        try {
            Users.parse(spec);
        } catch (IllegalArgumentException refused) {
            assertTrue(secret.length() < 4 || name.contains(secret) || !refused.getMessage().contains(secret), refused.getMessage());
        }
    }

    @Test
    void takes_a_value_an_env_file_left_quoted_as_podman_passes_it() {
        assertTrue(Users.parse("'ann:operator:" + HASH + "'").check("ann", "pw").isPresent());
        assertTrue(Users.parse("\"ann:operator:" + HASH + ",bob:viewer:" + HASH + "\"").check("bob", "pw").isPresent());
        assertThrows(IllegalArgumentException.class, () -> Users.parse("'ann:operator:" + HASH + "\""));
    }

    @Test
    void accepts_htpasswd_style_2y_hashes() {
        String htpasswd = "$2y$" + HASH.substring(4);
        assertTrue(Users.parse("ann:viewer:" + htpasswd).check("ann", "pw").isPresent());
    }

    @Test
    void refuses_a_plain_password_an_unknown_role_or_a_name_twice_without_echoing_the_secret() {
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () -> Users.parse("ann:operator:hunter2"));
        assertTrue(!plain.getMessage().contains("hunter2"), plain.getMessage());
        IllegalArgumentException comma = assertThrows(IllegalArgumentException.class, () -> Users.parse("ann:operator:" + HASH + ",word"));
        assertTrue(!comma.getMessage().contains("word") && comma.getMessage().contains("entry 2"), comma.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Users.parse("ann:admin:" + HASH));
        assertThrows(IllegalArgumentException.class, () -> Users.parse("ann:viewer:" + HASH + ",ann:operator:" + HASH));
        assertTrue(Users.parse("  ").isEmpty());
    }
}
