package dev.chard.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client: one command per fresh socket, so it needs no state and no Jedis. Good enough for test
 * set-up and assertions; not for load.
 */
final class RespClient {

    private static final int TIMEOUT_MILLIS = 10_000;

    private RespClient() {
    }

    /** Sends one command and returns the decoded reply (see {@link RedisServer#call(String...)}). */
    static Object call(int port, String... args) throws IOException {
        try (Socket socket = connect(port, TIMEOUT_MILLIS)) {
            write(socket.getOutputStream(), args);
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** Sends one command and does not wait for a reply (SHUTDOWN closes the connection instead of answering). */
    static void send(int port, String... args) throws IOException {
        try (Socket socket = connect(port, TIMEOUT_MILLIS)) {
            write(socket.getOutputStream(), args);
            // Wait for the server to close the connection, so the caller knows the command was read.
            try {
                while (socket.getInputStream().read() >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // a reset is as good as a close here
            }
        }
    }

    /** True if a server on the port answers PING with PONG (not, for example, with -LOADING). */
    static boolean pings(int port) {
        try (Socket socket = connect(port, 1_000)) {
            write(socket.getOutputStream(), "PING");
            return "PONG".equals(read(new BufferedInputStream(socket.getInputStream())));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Socket connect(int port, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void write(OutputStream out, String... args) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        buffer.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            buffer.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            buffer.write(bytes);
            buffer.write('\r');
            buffer.write('\n');
        }
        out.write(buffer.toByteArray());
        out.flush();
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed before a reply");
        }
        String line = readLine(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new RedisReplyException(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("truncated bulk string");
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    try {
                        items.add(read(in));
                    } catch (RedisReplyException e) {
                        items.add(e); // an error inside an array (EXEC) is an element, not a failure of the call
                    }
                }
                return items;
            }
            default:
                throw new IllegalStateException("not a RESP2 reply, type byte " + type);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a reply");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }
}
