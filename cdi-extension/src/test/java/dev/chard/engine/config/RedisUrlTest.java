package dev.chard.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisUrlTest {

    private static RedisUrl parse(String text) {
        String[] why = new String[1];
        RedisUrl url = RedisUrl.parse(text, why);
        assertNotNull(url, () -> text + " was rejected: " + why[0]);
        assertNull(why[0]);
        return url;
    }

    private static String rejection(String text) {
        String[] why = new String[1];
        assertNull(RedisUrl.parse(text, why), text + " was accepted");
        assertNotNull(why[0]);
        return why[0];
    }

    @Test
    void hostAloneGetsTheDefaultPortAndDatabaseZero() {
        assertEquals(new RedisUrl("localhost", 6379, 0, null, null, false), parse("redis://localhost"));
        assertEquals(new RedisUrl("localhost", 6379, 0, null, null, false), parse("redis://localhost:6379/"));
    }

    @Test
    void userPasswordPortAndDatabaseAreRead() {
        assertEquals(new RedisUrl("cache.example", 6380, 3, "app", "s3cret", false),
                parse("redis://app:s3cret@cache.example:6380/3"));
    }

    @Test
    void passwordWithoutUserMeansTheDefaultUser() {
        RedisUrl url = parse("redis://:s3cret@127.0.0.1:7000/1");
        assertNull(url.user());
        assertEquals("s3cret", url.password());
        assertEquals(1, url.database());
    }

    @Test
    void userInfoWithoutColonIsAPasswordAsInJedis() {
        RedisUrl url = parse("redis://s3cret@localhost/0");
        assertNull(url.user());
        assertEquals("s3cret", url.password());
    }

    @Test
    void percentEncodedCredentialsAreDecoded() {
        RedisUrl url = parse("redis://us%40er:p%3Ass%2Fw@localhost/0");
        assertEquals("us@er", url.user());
        assertEquals("p:ss/w", url.password());
    }

    @Test
    void redissMeansTls() {
        RedisUrl url = parse("rediss://secure.example:6390/2");
        assertTrue(url.tls());
        assertEquals("rediss://secure.example:6390/2", url.redacted());
        assertFalse(parse("redis://secure.example").tls());
    }

    @Test
    void redactedHidesThePasswordButKeepsTheRest() {
        RedisUrl url = parse("redis://app:s3cret@cache.example:6380/3");
        assertEquals("redis://app:***@cache.example:6380/3", url.redacted());
        assertEquals(url.redacted(), url.toString());
        assertFalse(url.toString().contains("s3cret"));
        assertEquals("redis://:***@h:6379/0", parse("redis://:pw@h").redacted());
        assertEquals("redis://h:6379/0", parse("redis://h").redacted());
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:6379/0, scheme",
        "localhost:6379, scheme",
        "redis:///0, host",
        "redis://localhost/zero, not a number",
        "redis://localhost/-1, negative",
        "'redis://local host/0', not a URL",
    })
    void malformedUrlsAreRejectedWithAReason(String text, String reasonPart) {
        String reason = rejection(text);
        assertTrue(reason.contains(reasonPart), reason);
    }

    @Test
    void sameDatabaseMeansSameHostPortAndDatabase() {
        RedisUrl broker = parse("redis://localhost:6379/0");
        assertTrue(broker.sameDatabaseAs(parse("redis://LOCALHOST:6379/0")));
        assertTrue(broker.sameDatabaseAs(parse("redis://:pw@localhost/0")), "credentials do not matter");
        assertFalse(broker.sameDatabaseAs(parse("redis://localhost:6379/1")));
        assertFalse(broker.sameDatabaseAs(parse("redis://localhost:6380/0")));
        assertFalse(broker.sameDatabaseAs(parse("redis://otherhost:6379/0")));
        assertFalse(broker.sameDatabaseAs(null));
    }
}
