package dev.chard.engine.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.chard.api.ChardException;
import dev.chard.engine.config.RedisUrl;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** CHARD-03011 tells an error reply from the backend apart from no answer at all. */
class BackendErrorsTest {

    private static final RedisUrl URL = new RedisUrl("127.0.0.1", 6390, 1, null, "secret", false);

    @Test
    void anErrorReplyIsReportedAsAnError() {
        ChardException e = ClientErrors.backendUnavailable("t-1", URL, new JedisDataException("ERR user_script:54: boom"));
        assertEquals("CHARD-03011", e.code());
        assertTrue(e.getMessage().contains("answered with an error (ERR user_script:54: boom)"), e.getMessage());
        assertTrue(e.getMessage().contains("t-1") && !e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void noAnswerIsReportedAsNoAnswer() {
        ChardException e = ClientErrors.backendUnavailable("t-2", URL, new JedisConnectionException("Read timed out"));
        assertTrue(e.getMessage().contains("did not answer (Read timed out)"), e.getMessage());
    }
}
