package dev.chard.engine.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code redis://[[user]:password@]host[:port][/db]} (or {@code rediss://} for TLS) URL.
 *
 * @param user     ACL user; null for the default user
 * @param password null when none
 */
public record RedisUrl(String host, int port, int database, String user, String password, boolean tls) {

    /** Parses {@code value}, or returns null with the reason in {@code error[0]}. */
    static RedisUrl parse(String value, String[] error) {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (Exception e) {
            error[0] = "it is not a URL (" + (e instanceof java.net.URISyntaxException u ? u.getReason() + " at index " + u.getIndex() : "unparseable") + ")"; // never the input: it may hold a password
            return null;
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            error[0] = "the scheme must be redis:// or rediss://";
            return null;
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI gives no host for names with '_' (redis_1, usual in Docker Compose): read host[:port] by hand
            String hostPort = uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    error[0] = "the port '" + hostPort.substring(colon + 1) + "' is not a number";
                    return null;
                }
            }
        }
        if (host == null || host.isBlank()) {
            error[0] = "it names no host";
            return null;
        }
        int db = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                error[0] = "the database '" + path.substring(1) + "' is not a number";
                return null;
            }
            if (db < 0) {
                error[0] = "the database must not be negative";
                return null;
            }
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String u = colon < 0 ? "" : info.substring(0, colon);
            String p = colon < 0 ? info : info.substring(colon + 1);
            user = u.isEmpty() ? null : URLDecoder.decode(u, StandardCharsets.UTF_8);
            password = p.isEmpty() ? null : URLDecoder.decode(p, StandardCharsets.UTF_8);
        }
        return new RedisUrl(host, port < 0 ? 6379 : port, db, user, password, "rediss".equals(scheme));
    }

    /** Same server and database: then a backend can share the broker's atomic scripts. */
    public boolean sameDatabaseAs(RedisUrl other) {
        return other != null && host.equalsIgnoreCase(other.host) && port == other.port && database == other.database;
    }

    /** The URL without the password, for banners and logs. */
    public String redacted() {
        String auth = password == null && user == null ? "" : (user == null ? "" : user) + ":***@";
        return (tls ? "rediss" : "redis") + "://" + auth + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return redacted();
    }
}
