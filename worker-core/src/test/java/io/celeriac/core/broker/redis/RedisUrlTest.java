package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RedisUrlTest {

    @Test
    void kombus_tls_parameters_name_the_ca_and_keep_verification_on() {
        RedisUrl url = RedisUrl.parse("rediss://:pw@redis.internal:6380/1?ssl_cert_reqs=required&ssl_ca_certs=%2Fetc%2Fredis%2Fca.pem");
        assertTrue(url.tls());
        assertEquals(Path.of("/etc/redis/ca.pem"), url.caCerts());
        assertEquals("pw", url.password());
        assertEquals(1, url.database());
        assertEquals(Path.of("/ca.pem"), RedisUrl.parse("rediss://h/0?ssl_cert_reqs=CERT_REQUIRED&ssl_ca_certs=/ca.pem").caCerts());
        assertNull(RedisUrl.parse("rediss://h:6380/0").caCerts(), "no CA named: the JDK's trusted CAs");
    }

    @Test
    void turning_verification_off_or_an_unknown_parameter_is_refused_with_what_to_do() {
        IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("rediss://h/0?ssl_cert_reqs=none"));
        assertTrue(off.getMessage().contains("always verified"), off.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("redis://h/0?socket_timeout=5"));
        assertTrue(unknown.getMessage().contains("'socket_timeout' is not supported"), unknown.getMessage());
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("redis://h/0?ssl_ca_certs=/ca.pem"));
        assertTrue(plain.getMessage().contains("needs a rediss:// URL"), plain.getMessage());
    }
}
