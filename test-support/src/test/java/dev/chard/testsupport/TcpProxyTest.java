package dev.chard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpProxyTest {

    private ServerSocket echo;
    private Thread echoThread;
    private final List<Socket> echoClients = new ArrayList<>();

    @BeforeEach
    void startEchoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThread = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    synchronized (echoClients) {
                        echoClients.add(s);
                    }
                    Thread t = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // closed
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        echoThread.setDaemon(true);
        echoThread.start();
    }

    @AfterEach
    void stopEchoServer() throws Exception {
        echo.close();
        synchronized (echoClients) {
            for (Socket s : echoClients) {
                s.close();
            }
        }
        echoThread.join(5_000);
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (TcpProxy proxy = TcpProxy.start(echo.getLocalPort()); Socket s = connect(proxy)) {
            assertEquals("hello", roundTrip(s, "hello"));
            assertEquals("again", roundTrip(s, "again"));
            assertEquals(1, proxy.acceptedConnections());
        }
    }

    @Test
    void cutClosesOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        try (TcpProxy proxy = TcpProxy.start(echo.getLocalPort())) {
            Socket before = connect(proxy);
            assertEquals("x", roundTrip(before, "x"));

            proxy.cut();
            assertThrows(IOException.class, () -> roundTrip(before, "y"), "an open connection is closed by the cut");
            try (Socket during = connect(proxy)) {
                assertThrows(IOException.class, () -> roundTrip(during, "z"), "a new connection is refused during the cut");
            }

            proxy.restore();
            try (Socket after = connect(proxy)) {
                assertEquals("back", roundTrip(after, "back"));
            }
            before.close();
        }
    }

    @Test
    void blackholeHoldsConnectionsSilentThenRestoreClosesThem() throws IOException {
        try (TcpProxy proxy = TcpProxy.start(echo.getLocalPort())) {
            Socket open = connect(proxy);
            assertEquals("x", roundTrip(open, "x"));

            proxy.blackhole();
            assertThrows(SocketTimeoutException.class, () -> roundTrip(open, "dropped"), "nothing comes back");
            Socket held = connect(proxy);
            assertThrows(SocketTimeoutException.class, () -> roundTrip(held, "held"), "a new connection is held silent");

            proxy.restore();
            try (Socket after = connect(proxy)) {
                assertEquals("back", roundTrip(after, "back"));
            }
            assertThrows(IOException.class, () -> roundTrip(held, "gone"), "held connections are closed by restore");
            open.close();
            held.close();
        }
    }

    @Test
    void closeStopsEveryThreadAndFreesThePort() throws Exception {
        TcpProxy proxy = TcpProxy.start(echo.getLocalPort());
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Socket s = connect(proxy);
            assertEquals("m" + i, roundTrip(s, "m" + i));
            clients.add(s);
        }
        assertTrue(proxy.liveThreads() >= 11, "one acceptor and two pumps per connection: " + proxy.liveThreads());
        int port = proxy.port();
        proxy.close();
        assertEquals(0, proxy.liveThreads(), "threads left after close");
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        for (Socket s : clients) {
            s.close();
        }
    }

    private static Socket connect(TcpProxy proxy) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(1_000);
        return s;
    }

    /** Writes {@code text} and reads as many bytes back. */
    private static String roundTrip(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        byte[] back = new byte[bytes.length];
        int read = 0;
        while (read < back.length) {
            int n = s.getInputStream().read(back, read, back.length - read);
            if (n < 0) {
                throw new IOException("connection closed after " + read + " bytes");
            }
            read += n;
        }
        return new String(back, StandardCharsets.UTF_8);
    }
}
