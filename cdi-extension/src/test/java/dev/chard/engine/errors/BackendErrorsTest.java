package dev.chard.engine.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import dev.chard.api.ResultUnavailableException;
import dev.chard.engine.config.RedisUrl;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** CHARD-03011 says what the backend did: an error reply apart from no answer at all. */
class BackendErrorsTest {

    private static final RedisUrl URL = new RedisUrl("127.0.0.1", 6390, 1, null, "secret", false);

    @Test
    void anErrorReplyIsReportedAsAnError() {
        ResultUnavailableException e = ClientErrors.backendUnavailable("t-1", URL, Duration.ofSeconds(2),
                new JedisDataException("ERR user_script:54: boom"));
        assertEquals("CHARD-03011", e.code());
        assertTrue(e.getMessage().contains("answered with an error: ERR user_script:54: boom"), e.getMessage());
        assertFalse(e.isTransient(), "waiting does not cure an error reply");
        assertTrue(e.getMessage().contains("t-1") && !e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void noAnswerIsReportedAsNoAnswer() {
        ResultUnavailableException e = ClientErrors.backendUnavailable("t-2", URL, Duration.ofSeconds(2),
                new JedisConnectionException(new java.net.SocketTimeoutException("Read timed out")));
        assertTrue(e.getMessage().contains("did not answer within 2000 ms"), e.getMessage());
        assertTrue(e.isTransient(), "an outage may pass");
    }
}
