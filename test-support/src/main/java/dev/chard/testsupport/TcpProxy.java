package dev.chard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP forwarder for fault injection: clients connect to {@link #port()} and every byte is copied to and
 * from {@code 127.0.0.1:<targetPort>}.
 *
 * <ul>
 *   <li>{@link #cut()}: every open connection is closed (reset) and new connections are accepted and closed at once,
 *       so a client sees "connection reset" / end of stream, as after a router or firewall drop that sends RSTs;</li>
 *   <li>{@link #blackhole()}: open connections stay open but nothing is forwarded any more, and new connections are
 *       accepted and held silent, as in a partition where packets are dropped: only the client's own timeouts end
 *       its waits;</li>
 *   <li>{@link #restore()}: new connections are forwarded again (connections closed by a cut stay closed; those held
 *       by a black hole are closed, so clients reconnect).</li>
 * </ul>
 *
 * <p>The listening port stays bound the whole time, so nothing else can take it during a fault. Each forwarded
 * connection uses two daemon threads; {@link #close()} closes every socket and joins every thread. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { FORWARD, CUT, BLACKHOLE }

    private final int targetPort;
    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.FORWARD;
    private volatile boolean closed;

    private TcpProxy(int targetPort, ServerSocket server) {
        this.targetPort = targetPort;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "TcpProxy-accept-" + server.getLocalPort() + "->" + targetPort);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Starts forwarding a free loopback port to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy start(int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            return new TcpProxy(targetPort, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy port", e);
        }
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code redis://127.0.0.1:<port>/<db>}: a Redis URL through this proxy. */
    public String redisUrl(int db) {
        return "redis://127.0.0.1:" + port() + "/" + db;
    }

    /** Connections accepted so far (forwarded or not). */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Open client-side connections (forwarded or held). */
    public int openConnections() {
        int n = 0;
        for (Socket s : sockets) {
            if (s.getLocalPort() == port() && !s.isClosed()) {
                n++;
            }
        }
        return n;
    }

    /** Closes every connection and refuses (accepts and closes) new ones until {@link #restore()}. */
    public void cut() {
        mode = Mode.CUT;
        closeAllConnections();
    }

    /** Stops forwarding: open connections and new ones are held, silent, until {@link #restore()}. */
    public void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /** Forwards new connections again. Connections held by a black hole are closed. */
    public void restore() {
        Mode before = mode;
        mode = Mode.FORWARD;
        if (before == Mode.BLACKHOLE) {
            closeAllConnections();
        }
    }

    /** Stops listening, closes every connection and waits for every thread of this proxy to end. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        closeAllConnections();
        join(acceptor);
        for (Thread t : new ArrayList<>(threads)) {
            join(t);
        }
    }

    /** Live threads of this proxy (the acceptor included); 0 after {@link #close()}. */
    public int liveThreads() {
        int n = acceptor.isAlive() ? 1 : 0;
        for (Thread t : threads) {
            if (t.isAlive()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "TcpProxy[" + port() + " -> " + targetPort + ", " + mode + "]";
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            accepted.incrementAndGet();
            Mode now = mode;
            if (now == Mode.CUT || closed) {
                reset(client);
                continue;
            }
            sockets.add(client);
            if (now == Mode.BLACKHOLE) {
                continue; // held open, never read: the client waits until its own timeout
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
                upstream.setTcpNoDelay(true);
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                reset(client);
                closeQuietly(upstream);
                continue;
            }
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode != Mode.FORWARD) {
                        if (mode == Mode.CUT) {
                            break;
                        }
                        continue; // black hole: read and drop
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side or a cut closed it
            } finally {
                reset(from);
                reset(to);
                threads.remove(Thread.currentThread());
            }
        }, "TcpProxy-pump-" + from.getPort() + "->" + to.getPort());
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void closeAllConnections() {
        for (Socket s : List.copyOf(sockets)) {
            reset(s);
        }
    }

    /** Closes with SO_LINGER 0, so the peer gets a reset rather than a clean end of stream. */
    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(s);
        sockets.remove(s);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
