package dev.kaiwa.bench;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PeerJS server (npm package {@code peer}) as the signaling benchmark runs it: installed with
 * npm into a directory of the build at the pinned version (kept there for the next run), started
 * with node on a free loopback port with its own command line ({@code --key peerjs --path /}), and
 * stopped when closed, or when the JVM exits, whichever comes first.
 */
final class PeerJsServer implements AutoCloseable {
    static final String KEY = "peerjs";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final String ENTRY = "node_modules/peer/dist/bin/peerjs.js";

    private final Process process;
    private final Thread stopOnExit;
    private final int port;
    private final String version;
    private final String runtime;

    private PeerJsServer(Process process, Thread stopOnExit, int port, String version, String runtime) {
        this.process = process;
        this.stopOnExit = stopOnExit;
        this.port = port;
        this.version = version;
        this.runtime = runtime;
    }

    /**
     * Installs {@code peer@version} into {@code installDirectory} unless it is there already, and starts it;
     * the server's output goes to {@code log}.
     */
    static PeerJsServer start(Path installDirectory, String version, Path log) throws IOException, InterruptedException {
        requireNonNull(version, "version is null");
        Path directory = installDirectory.toAbsolutePath();
        Files.createDirectories(directory);
        if (!installedVersion(directory, "peer").equals(Optional.of(version))) {
            install(directory, version);
        }
        int port = freeLoopbackPort();
        Process process = new ProcessBuilder("node", directory.resolve(ENTRY).toString(), "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--key", KEY, "--path", "/")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Thread stopOnExit = new Thread(process::destroyForcibly, "peerjs-server-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        String runtime = "peer " + version + " (ws " + installedVersion(directory, "ws").orElse("unknown") + ", node "
                + command(directory, "node", "--version").strip() + ")";
        PeerJsServer server = new PeerJsServer(process, stopOnExit, port, version, runtime);
        try {
            server.awaitReady(log);
            return server;
        }
        catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String version() {
        return version;
    }

    /** The package, its WebSocket library and node, e.g. {@code peer 1.0.2 (ws 8.18.0, node v20.1.0)}. */
    String runtime() {
        return runtime;
    }

    long pid() {
        return process.pid();
    }

    URI webSocketUri(String id, String token) {
        return URI.create("ws://127.0.0.1:" + port + "/peerjs?key=" + KEY + "&id=" + id + "&token=" + token);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        catch (IllegalStateException e) {
            // The JVM is already exiting; the hook stops the process anyway.
        }
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        // HTTP/1.1: the JDK's default first request offers an h2c upgrade, which the server's WebSocket side refuses.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
        URI home = URI.create("http://127.0.0.1:" + port + "/");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the PeerJS server exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(home).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("PeerJS")) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            }
            catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IOException("the PeerJS server did not answer on port " + port + " within " + START_TIMEOUT.toSeconds()
                + " s: " + last + "; " + tail(log));
    }

    private static void install(Path directory, String version) throws IOException, InterruptedException {
        Files.writeString(directory.resolve("package.json"), """
                {
                  "name": "kaiwa-bench-peerjs",
                  "version": "0.0.0",
                  "private": true,
                  "description": "The PeerJS server the signaling benchmark compares Kaiwa with; installed by the benchmark.",
                  "dependencies": { "peer": "%s" }
                }
                """.formatted(version), UTF_8);
        Path log = directory.resolve("npm-install.log");
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                "--no-update-notifier")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            npm.destroyForcibly();
            throw new IOException("npm install peer@" + version + " did not finish within " + INSTALL_TIMEOUT.toMinutes()
                    + " minutes; see " + log);
        }
        if (npm.exitValue() != 0) {
            throw new IOException("npm install peer@" + version + " failed (" + npm.exitValue() + "): " + tail(log));
        }
        Optional<String> installed = installedVersion(directory, "peer");
        if (!installed.equals(Optional.of(version))) {
            throw new IOException("npm installed peer " + installed.orElse("nothing") + ", not " + version);
        }
    }

    private static Optional<String> installedVersion(Path directory, String module) {
        Path manifest = directory.resolve("node_modules").resolve(module).resolve("package.json");
        if (!Files.isReadable(manifest)) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(manifest, UTF_8)))) {
            return Optional.ofNullable(reader.readObject().getString("version", null));
        }
        catch (IOException | JsonException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static String command(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "unknown";
        }
        return new String(process.getInputStream().readAllBytes(), UTF_8);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (IOException e) {
            return "(no log)";
        }
    }
}
