package io.celeriac.core.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.redisson.client.RedisAuthRequiredException;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisWrongPasswordException;

class RedisAuthFailureTest {
    /** The chain Redisson 4 throws when the server answers AUTH with WRONGPASS. */
    @Test
    void aWrongPasswordDeepInTheChainIsNamed() {
        Throwable error = new RedisConnectionException("Unable to connect", new ExecutionException(
                new CompletionException(new RedisWrongPasswordException("WRONGPASS invalid username-password pair"))));
        String line = RedisAuthFailure.describe(error);
        assertTrue(line.contains("WRONGPASS") && line.contains("password"), line);
    }

    @Test
    void aMissingPasswordIsNamed() {
        Throwable error = new RedisConnectionException("Unable to connect",
                new CompletionException(new RedisAuthRequiredException("NOAUTH Authentication required.")));
        String line = RedisAuthFailure.describe(error);
        assertTrue(line.contains("NOAUTH"), line);
    }

    @Test
    void otherConnectionFailuresAreNotAuthFailures() {
        assertNull(RedisAuthFailure.describe(new RedisConnectionException("Unable to connect to Redis server")));
    }
}
