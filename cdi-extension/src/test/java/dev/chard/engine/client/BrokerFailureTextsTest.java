package dev.chard.engine.client;

import dev.chard.api.BrokerUnavailableException;
import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.testsupport.FreePorts;
import dev.chard.testsupport.RedisServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CHARD-03001 says what happened, each case met for real: nothing listening, an error reply, a refused password, a
 * denied command, a TLS handshake that fails, a TLS client on a plain port, and a server that never answers. Only the
 * last one "did not answer within N ms".
 */
class BrokerFailureTextsTest {

    static RedisServer redis;
    static Jsonb jsonb;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        redis.call("ACL", "SETUSER", "app", "on", ">right", "~*", "+@all");
        redis.call("ACL", "SETUSER", "reader", "on", ">pw", "~*", "+ping", "+get");
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void stop() throws Exception {
        jsonb.close();
        redis.close();
    }

    /** The CHARD-03001 message of one send to {@code url}. */
    private static String sendTo(String url) {
        try (Engine e = Engine.start(ChardConfig.of(Map.of("chard.broker.url", url, "chard.redis.timeout", "500ms")),
                TaskRegistry.empty(), jsonb)) {
            BrokerUnavailableException x = assertThrows(BrokerUnavailableException.class, () -> e.client().send("web.add", 1, 2));
            assertEquals("CHARD-03001", x.code());
            assertTrue(x.getMessage().startsWith("CHARD-03001: cannot send task web.add: the broker at "), x.getMessage());
            assertTrue(x.getMessage().contains("The task was not sent."), x.getMessage());
            return x.getMessage();
        }
    }

    @Test
    void aClosedPortIsAnInstantRefusalNotATimeout() {
        int port = FreePorts.find();
        long start = System.nanoTime();
        String m = sendTo("redis://127.0.0.1:" + port + "/0");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
        assertTrue(m.contains("refused the connection: nothing listens on 127.0.0.1:" + port), m);
        assertFalse(m.contains("did not answer"), m);
    }

    @Test
    void aDatabaseThatDoesNotExistIsReportedWithRedisErrorReply() {
        String m = sendTo(redis.url(99));
        assertTrue(m.contains("answered with an error: ERR DB index is out of range"), m);
        assertTrue(m.contains("The database number in chard.broker.url does not exist on that server"), m);
        assertFalse(m.contains("did not answer"), m);
    }

    @Test
    void aWrongPasswordIsReportedAsRefusedCredentials() {
        String m = sendTo("redis://app:wrong@127.0.0.1:" + redis.port() + "/0");
        assertTrue(m.contains("refused the credentials (WRONGPASS"), m);
        assertTrue(m.contains("Check the user and password in chard.broker.url"), m);
        assertFalse(m.contains("wrong"), "the password is never shown: " + m);
    }

    @Test
    void aCommandTheUserMayNotRunIsReportedAsNoPermission() {
        String m = sendTo("redis://reader:pw@127.0.0.1:" + redis.port() + "/0");
        assertTrue(m.contains("refused a command for this user (NOPERM"), m);
    }

    @Test
    void aTlsClientOnAPlainPortIsToldTheHandshakeGotNoAnswer() {
        String m = sendTo("rediss://127.0.0.1:" + redis.port() + "/0");
        assertTrue(m.contains("did not answer the TLS handshake within 500 ms"), m);
    }

    @Test
    void anUntrustedCertificateIsReportedAsAFailedTlsHandshake() throws Exception {
        try (SSLServerSocket tls = selfSignedTlsServer()) {
            Thread acceptor = new Thread(() -> {
                while (!tls.isClosed()) {
                    try (Socket s = tls.accept()) {
                        ((SSLSocket) s).startHandshake();
                        InputStream in = s.getInputStream();
                        in.read();
                    } catch (Exception e) {
                        // the client gives up on the handshake: expected
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String m = sendTo("rediss://localhost:" + tls.getLocalPort() + "/0");
            assertTrue(m.contains("failed the TLS handshake ("), m);
            assertTrue(m.contains("javax.net.ssl.trustStore"), m);
        }
    }

    @Test
    void onlyAServerThatAcceptsAndStaysSilentDidNotAnswerInTime() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String m = sendTo("redis://127.0.0.1:" + silent.getLocalPort() + "/0");
            assertTrue(m.contains("did not answer within 500 ms"), m);
        }
    }

    /** A TLS server socket whose certificate (made by the JDK's keytool) no JVM trusts. */
    private static SSLServerSocket selfSignedTlsServer() throws Exception {
        Path dir = Files.createTempDirectory("chard-tls-");
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        Files.delete(store);
        Files.delete(dir);
        return (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }
}
