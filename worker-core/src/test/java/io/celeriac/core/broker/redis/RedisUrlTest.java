package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
    void an_unknown_parameter_or_tls_parameters_on_a_plain_url_are_refused_with_what_to_do() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("redis://h/0?socket_timeout=5"));
        assertTrue(unknown.getMessage().contains("'socket_timeout' is not supported"), unknown.getMessage());
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("redis://h/0?ssl_ca_certs=/ca.pem"));
        assertTrue(plain.getMessage().contains("need a rediss:// URL"), plain.getMessage());
        IllegalArgumentException reqs = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("rediss://h/0?ssl_cert_reqs=maybe"));
        assertTrue(reqs.getMessage().contains("required, optional, none"), reqs.getMessage());
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("rediss://h/0?ssl_certfile=/c.pem"));
        assertTrue(half.getMessage().contains("go together"), half.getMessage());
    }

    @Test
    void kombus_client_certificate_and_cert_reqs_are_read_as_kombu_spells_them() {
        RedisUrl url = RedisUrl.parse("rediss://h:6380/0?ssl_certfile=/c.pem&ssl_keyfile=/k.pem&ssl_cert_reqs=CERT_NONE");
        assertEquals(Path.of("/c.pem"), url.tlsFiles().certFile());
        assertEquals(Path.of("/k.pem"), url.tlsFiles().keyFile());
        assertEquals(RedisTlsFiles.Verify.NONE, url.tlsFiles().verify());
        assertEquals(RedisTlsFiles.Verify.OPTIONAL, RedisUrl.parse("rediss://h/0?ssl_cert_reqs=optional").tlsFiles().verify());
    }

    @Test
    void a_kombu_sentinel_list_names_the_sentinels_and_the_masters_password_and_db() {
        RedisUrl url = RedisUrl.parse("sentinel://:master-secret@s1:26379/3;sentinel://s2:26380;sentinel://s3");
        assertEquals(3, url.database());
        assertEquals("master-secret", url.password());
        assertEquals(List.of(new RedisSentinels.Node("s1", 26379), new RedisSentinels.Node("s2", 26380),
                new RedisSentinels.Node("s3", 26379)), url.sentinels().nodes());
        assertNull(url.sentinels().password(), "the URL's password is the master's, as in kombu");
        assertNull(url.sentinels().masterName());
        assertEquals("sentinel://:***@s1:26379/3;sentinel://s2:26380;sentinel://s3:26379 (master mymaster)",
                url.withSentinels(url.sentinels().withMasterName("mymaster")).redacted());
        assertFalse(url.toString().contains("master-secret"));
        assertFalse(url.withSentinels(url.sentinels().withAuth(null, "s-secret")).toString().contains("s-secret"));
    }

    @Test
    void a_sentinel_list_without_a_master_name_or_mixing_schemes_is_refused() {
        RedisUrl url = RedisUrl.parse("sentinel://s1:26379");
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class, url.sentinels()::requireMasterName);
        assertTrue(unnamed.getMessage().contains("--master-name"), unnamed.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("sentinel://s1:26379;redis://s2:6379"));
        assertTrue(mixed.getMessage().contains("must start with sentinel://"), mixed.getMessage());
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("sentinel://s1:26379?master_name=x"));
        assertTrue(query.getMessage().contains("'master_name' is not supported"), query.getMessage());
    }
}
