package dev.chard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback TCP ports. Stateless and thread-safe. */
public final class FreePorts {

    private FreePorts() {
    }

    /**
     * Returns a loopback port that was free a moment ago. Another process may still take it before the caller
     * binds it, so callers that start servers retry on "address in use" (see {@link RedisServer}).
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
