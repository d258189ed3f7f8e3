package io.celeriac.core.broker.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisAuthRequiredException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisWrongPasswordException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** The chains each client throws, as seen from the CLI (the real ones are driven in BadBrokerUrlIT). */
class RedisFailuresTest {
    @Test
    void aWrongPasswordDeepInRedissonsChainIsASetting() {
        Throwable error = new RedisConnectionException("Unable to connect", new ExecutionException(
                new CompletionException(new RedisWrongPasswordException("WRONGPASS invalid username-password pair"))));
        RedisFailures.Explanation why = RedisFailures.explain(error);
        assertTrue(why.line().contains("WRONGPASS") && why.line().contains("password"), why.line());
        assertTrue(why.settingMistake());
    }

    @Test
    void aMissingPasswordIsNamed() {
        Throwable error = new RedisConnectionException("Unable to connect",
                new CompletionException(new RedisAuthRequiredException("NOAUTH Authentication required.")));
        assertTrue(RedisFailures.explain(error).line().contains("NOAUTH"));
    }

    @Test
    void jedisPoolFailuresAreNamedByTheirCause() {
        Throwable wrongPassword = new JedisException("Could not get a resource from the pool",
                new JedisAccessControlException("WRONGPASS invalid username-password pair or user is disabled."));
        assertTrue(RedisFailures.explain(wrongPassword).settingMistake());
        Throwable database = new JedisException("Could not get a resource from the pool",
                new JedisDataException("ERR DB index is out of range"));
        assertTrue(RedisFailures.explain(database).line().contains("no such database"));
        Throwable host = new JedisConnectionException("Failed to connect to any host resolved for DNS name.",
                new UnknownHostException("nohost"));
        RedisFailures.Explanation unknown = RedisFailures.explain(host);
        assertTrue(unknown.line().contains("nohost") && !unknown.settingMistake(), unknown.line());
    }

    @Test
    void aRefusedConnectionIsAnOutageNotASetting() {
        Throwable error = new JedisConnectionException("Failed to connect", new ConnectException("Connection refused"));
        RedisFailures.Explanation why = RedisFailures.explain(error);
        assertTrue(why.line().contains("refused"), why.line());
        assertFalse(why.settingMistake());
    }

    @Test
    void otherFailuresAreLeftToTheCaller() {
        assertNull(RedisFailures.explain(new RedisConnectionException("Unable to connect to Redis server")));
        assertNull(RedisFailures.explain(new IllegalStateException("boom")));
        assertTrue(RedisFailures.fromRedis(new JedisException("x")));
        assertEquals(false, RedisFailures.fromRedis(new IllegalStateException("x")));
    }
}
