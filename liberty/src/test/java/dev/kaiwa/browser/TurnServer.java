package dev.kaiwa.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A coturn {@code turnserver} on loopback for one test, with the port and shared secret the server under
 * test hands out TURN credentials for (TURN REST API: {@code --use-auth-secret}). Ignores the system's
 * {@code /etc/turnserver.conf}; logs to {@code target/browser-tests/turnserver-<id>/turnserver.log}. Close
 * it in {@code finally}.
 */
final class TurnServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** STUN: Binding Request / Binding Success Response, and the magic cookie of RFC 5389. */
    private static final short BINDING_REQUEST = 0x0001;
    private static final short BINDING_SUCCESS = 0x0101;
    private static final int MAGIC_COOKIE = 0x2112A442;

    private final Process process;
    private final Path log;

    private TurnServer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts coturn on 127.0.0.1:{@code port} and returns once it answers STUN there. */
    static TurnServer start(int port, String secret) {
        Path program = BrowserTestSettings.turnserver();
        requirePortFree(port);
        Path directory = BrowserTestSettings.workDirectory().resolve("turnserver-" + UUID.randomUUID().toString().substring(0, 8));
        Path log = directory.resolve("turnserver.log");
        Path configuration = directory.resolve("turnserver.conf");
        try {
            Files.createDirectories(directory);
            // An empty configuration file: Debian's /etc/turnserver.conf sends the log to syslog.
            Files.writeString(configuration, "");
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
        List<String> command = List.of(program.toString(),
                "-c", configuration.toString(),
                "--use-auth-secret", "--static-auth-secret=" + secret,
                "--realm=kaiwa",
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                "--allow-loopback-peers",
                "--no-tls", "--no-dtls", "--no-cli",
                "--log-file=" + log, "--simple-log",
                "--pidfile=" + directory.resolve("turnserver.pid"),
                "--userdb=" + directory.resolve("turndb"));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("turnserver.out").toFile())
                    .start();
        }
        catch (IOException e) {
            throw new AssertionError("cannot start " + program, e);
        }
        TurnServer server = new TurnServer(process, log);
        try {
            server.awaitStun(port);
        }
        catch (RuntimeException | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A system turnserver (from the coturn package) or anything else on the port would take the test's traffic. */
    private static void requirePortFree(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            probe.getLocalPort();
        }
        catch (SocketException e) {
            throw new AssertionError("UDP port " + port + " on 127.0.0.1 is taken, so the test cannot run its TURN server there "
                    + "(a system turnserver? Stop it: systemctl disable --now coturn). The port is the build's "
                    + "kaiwa.test.turn.port.", e);
        }
    }

    private void awaitStun(int port) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(250);
            byte[] request = bindingRequest();
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            byte[] answer = new byte[1024];
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new AssertionError("turnserver exited with " + process.exitValue() + "; see " + log);
                }
                socket.send(new DatagramPacket(request, request.length, target));
                DatagramPacket response = new DatagramPacket(answer, answer.length);
                try {
                    socket.receive(response);
                    if (response.getLength() >= 20 && ByteBuffer.wrap(answer).getShort(0) == BINDING_SUCCESS) {
                        return;
                    }
                }
                catch (SocketTimeoutException | PortUnreachableException e) {
                    // Not listening yet.
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot probe the TURN server", e);
        }
        throw new AssertionError("turnserver did not answer STUN on 127.0.0.1:" + port + " within "
                + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static byte[] bindingRequest() {
        byte[] transaction = new byte[12];
        new SecureRandom().nextBytes(transaction);
        return ByteBuffer.allocate(20).putShort(BINDING_REQUEST).putShort((short) 0).putInt(MAGIC_COOKIE).put(transaction).array();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
