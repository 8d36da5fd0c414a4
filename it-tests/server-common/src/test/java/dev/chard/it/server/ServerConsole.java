package dev.chard.it.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A copy of what this JVM prints on {@code System.out} from {@link #start()} on, while it still goes where it went.
 * The managed containers print the server's console there line by line (Payara Micro's log is its console), so a test
 * can read the server's log lines. Thread-safe.
 */
final class ServerConsole {

    private static PrintStream original;
    private static ByteArrayOutputStream copy;

    private ServerConsole() {
    }

    static synchronized void start() {
        if (original != null) {
            return;
        }
        original = System.out;
        copy = new ByteArrayOutputStream();
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (ServerConsole.class) {
                    original.write(b);
                    copy.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (ServerConsole.class) {
                    original.write(b, off, len);
                    copy.write(b, off, len);
                }
            }

            @Override
            public void flush() {
                original.flush();
            }
        };
        System.setOut(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    static synchronized String text() {
        return copy == null ? "" : copy.toString(StandardCharsets.UTF_8);
    }

    static synchronized void stop() {
        if (original != null) {
            System.out.flush();
            System.setOut(original);
            original = null;
            copy = null;
        }
    }
}
