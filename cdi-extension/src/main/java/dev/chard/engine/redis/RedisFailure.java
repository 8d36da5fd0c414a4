package dev.chard.engine.redis;

import dev.chard.engine.config.RedisUrl;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.NoSuchElementException;
import javax.net.ssl.SSLException;

/**
 * What went wrong in a failed Redis command, told from the exception Jedis threw, so that an error message says what
 * happened (nothing listens there, no answer in time, the TLS handshake failed, the password was refused, an error
 * reply) instead of one guess for all, and so that a waiting caller can tell an outage that may pass from a mistake
 * that waiting cannot cure ({@link #passes()}).
 */
public enum RedisFailure {
    /** Nothing listens on the host and port (connection refused): Redis is down or restarting, or the URL is wrong. */
    REFUSED(true),
    /** The host name does not resolve. */
    UNKNOWN_HOST(true),
    /** Connected (or connecting), but no answer within the timeout: a paused, overloaded or cut-off server. */
    TIMEOUT(true),
    /** The TLS handshake failed: an untrusted certificate, or a port that does not serve TLS. */
    TLS(false),
    /** The server closed the connection or reset it: a restart, a network cut, or a TLS port spoken to in plain text. */
    CLOSED(true),
    /** The user or password was refused (WRONGPASS, NOAUTH). */
    CREDENTIALS(false),
    /** The user may not run a command or touch a key (NOPERM). */
    PERMISSION(false),
    /** Redis answered that it cannot serve yet (LOADING, BUSY, MASTERDOWN, TRYAGAIN, CLUSTERDOWN). */
    NOT_READY(true),
    /** Any other error reply, such as {@code ERR DB index is out of range}. */
    ERROR_REPLY(false),
    /** Every connection of the pool stayed in use for the whole timeout. */
    POOL_EXHAUSTED(true),
    /** Anything else Jedis reports about the connection. */
    OTHER(true);

    private final boolean passes;

    RedisFailure(boolean passes) {
        this.passes = passes;
    }

    /** True when the failure may pass by itself (an outage), false when a setting or the server must be changed. */
    public boolean passes() {
        return passes;
    }

    /** The kind of {@code failure}, from its type, its message and its causes (suppressed ones included). */
    public static RedisFailure of(Throwable failure) {
        for (Throwable t : chain(failure)) {
            RedisFailure kind = kindOf(t);
            if (kind != null) {
                return kind;
            }
        }
        return OTHER;
    }

    /**
     * What the server did, to follow "the broker at redis://...": for example {@code refused the connection (nothing
     * listens on localhost:6399)} or {@code did not answer within 2000 ms}.
     */
    public static String describe(Throwable failure, RedisUrl url, Duration timeout) {
        RedisFailure kind = of(failure);
        String detail = detail(failure);
        return switch (kind) {
            case REFUSED -> "refused the connection: nothing listens on " + url.host() + ":" + url.port();
            case UNKNOWN_HOST -> "cannot be reached: the host name " + url.host() + " is unknown";
            case TIMEOUT -> url.tls() && inTlsHandshake(failure)
                    ? "did not answer the TLS handshake within " + timeout.toMillis() + " ms (rediss:// asks for TLS: does that port serve it?)"
                    : "did not answer within " + timeout.toMillis() + " ms";
            case TLS -> "failed the TLS handshake (" + detail + ")";
            case CLOSED -> "closed the connection (" + detail + ")"
                    + (url.tls() ? "" : "; a port that serves only TLS does this to a plain connection: use rediss:// for it");
            case CREDENTIALS -> "refused the credentials (" + detail + ")";
            case PERMISSION -> "refused a command for this user (" + detail + ")";
            case NOT_READY -> "cannot serve yet (" + detail + ")";
            case ERROR_REPLY -> "answered with an error: " + detail;
            case POOL_EXHAUSTED -> "had no free connection for " + timeout.toMillis() + " ms: every connection of the pool"
                    + " (chard.redis.pool-size) stayed in use";
            case OTHER -> "failed (" + detail + ")";
        };
    }

    /** What to check, for the setting {@code key} that names the server (chard.broker.url or chard.backend.url). */
    public static String advice(Throwable failure, String key) {
        RedisFailure kind = of(failure);
        return switch (kind) {
            case REFUSED, UNKNOWN_HOST, CLOSED, OTHER -> "Check that Redis runs there and that " + key + " names it.";
            case TIMEOUT -> "Check that Redis runs there and is reachable and not overloaded; chard.redis.timeout bounds this wait.";
            case TLS -> "Check that this JVM trusts the server's certificate (javax.net.ssl.trustStore) and that the port"
                    + " serves TLS; " + key + " with rediss:// asks for TLS, redis:// for none.";
            case CREDENTIALS -> "Check the user and password in " + key + " (redis://user:password@host:port/db).";
            case PERMISSION -> "Grant that Redis user the commands Chard runs (EVALSHA, SCRIPT LOAD and those of its scripts)"
                    + " on the keys under chard.key-prefix, or name another user in " + key + ".";
            case NOT_READY -> "Redis is starting or busy; this passes by itself.";
            case ERROR_REPLY -> detail(failure).contains("DB index is out of range")
                    ? "The database number in " + key + " does not exist on that server (see its 'databases' setting)."
                    : "Check " + key + " and the server's configuration.";
            case POOL_EXHAUSTED -> "Raise chard.redis.pool-size, or send from fewer threads at once.";
        };
    }

    private static RedisFailure kindOf(Throwable t) {
        if (t instanceof JedisAccessControlException || t instanceof JedisDataException) {
            String m = String.valueOf(t.getMessage());
            if (m.startsWith("NOPERM")) {
                return PERMISSION;
            }
            if (t instanceof JedisAccessControlException || m.startsWith("WRONGPASS") || m.startsWith("NOAUTH")
                    || m.startsWith("ERR AUTH") || m.contains("invalid password") || m.contains("invalid username-password")) {
                return CREDENTIALS;
            }
            for (String prefix : new String[] {"LOADING", "BUSY", "MASTERDOWN", "TRYAGAIN", "CLUSTERDOWN"}) {
                if (m.startsWith(prefix)) {
                    return NOT_READY;
                }
            }
            return ERROR_REPLY;
        }
        if (t instanceof ConnectException) {
            return REFUSED;
        }
        if (t instanceof UnknownHostException) {
            return UNKNOWN_HOST;
        }
        if (t instanceof SSLException) {
            return TLS;
        }
        if (t instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        if (t instanceof SocketException) {
            return CLOSED;
        }
        if (t instanceof NoSuchElementException && String.valueOf(t.getMessage()).contains("Timeout waiting for idle object")) {
            return POOL_EXHAUSTED;
        }
        if (t instanceof redis.clients.jedis.exceptions.JedisConnectionException
                && String.valueOf(t.getMessage()).contains("Unexpected end of stream")) {
            return CLOSED;
        }
        return null;
    }

    /** The message of the most specific cause: Jedis's wrappers only repeat it ("java.net.SocketException: ..."). */
    private static String detail(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t : chain(failure)) {
            if (kindOf(t) != null) {
                deepest = t;
            }
        }
        String m = deepest.getMessage();
        if (m == null || m.isBlank()) {
            return deepest.getClass().getName();
        }
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    private static boolean inTlsHandshake(Throwable failure) {
        for (Throwable t : chain(failure)) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("sun.security.ssl.") || e.getMethodName().equals("startHandshake")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code failure}, its causes and their suppressed exceptions (Jedis puts a refused connect there). */
    private static java.util.List<Throwable> chain(Throwable failure) {
        java.util.List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && all.size() < 20 && !all.contains(t); t = t.getCause()) {
            all.add(t);
            for (Throwable s : t.getSuppressed()) {
                if (!all.contains(s)) {
                    all.add(s);
                }
            }
        }
        return all;
    }
}
