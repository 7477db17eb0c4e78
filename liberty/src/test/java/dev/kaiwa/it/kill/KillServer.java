package dev.kaiwa.it.kill;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A Liberty server of the kill test's own, {@code wlp/usr/servers/<name>}: a copy of the assembled server (its
 * server.xml, data source files, JDBC drivers and the EAR) whose variables come from a configDropins override of
 * its own. Started and stopped with {@code bin/server}, killed with SIGKILL by the process id Liberty records in
 * {@code usr/servers/.pid/<name>.pid}, and only when that process's command line names this server.
 */
final class KillServer {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(2);
    private static final String VARIABLES_FILE = "kill-test.xml";

    private final KillSettings settings;
    private final Path userDirectory;
    private final Path serverDirectory;
    private final Path commandLog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    KillServer(KillSettings settings) {
        this.settings = settings;
        this.userDirectory = settings.wlpHome().resolve("usr");
        this.serverDirectory = userDirectory.resolve("servers").resolve(settings.serverName());
        this.commandLog = settings.directory().resolve("server-commands.log");
    }

    /**
     * A fresh copy of the assembled server with these Liberty variables, bootstrap properties and JVM options; a
     * copy that an earlier, aborted run left running is stopped first.
     */
    void create(Map<String, String> variables, Map<String, String> bootstrapProperties, List<String> jvmOptions) {
        if (!Files.isRegularFile(settings.sourceServer().resolve("server.xml"))) {
            throw new IllegalStateException("No assembled server at " + settings.sourceServer() + " to copy; build the "
                    + "liberty module (package) first");
        }
        stopLeftover();
        try {
            deleteTree(serverDirectory);
            Files.createDirectories(settings.directory());
            Files.createDirectories(serverDirectory.resolve("apps"));
            Files.copy(settings.sourceServer().resolve("server.xml"), serverDirectory.resolve("server.xml"));
            copyTree(settings.sourceServer().resolve("db"), serverDirectory.resolve("db"));
            copyTree(settings.sourceServer().resolve("lib"), serverDirectory.resolve("lib"));
            Files.copy(settings.sourceServer().resolve("apps/kaiwa-ear.ear"), serverDirectory.resolve("apps/kaiwa-ear.ear"));
            Path overrides = Files.createDirectories(serverDirectory.resolve("configDropins/overrides"));
            Files.writeString(overrides.resolve(VARIABLES_FILE), variablesXml(variables), UTF_8);
            List<String> properties = new ArrayList<>();
            bootstrapProperties.forEach((name, value) -> properties.add(name + "=" + value));
            Files.write(serverDirectory.resolve("bootstrap.properties"), properties, UTF_8);
            Files.write(serverDirectory.resolve("jvm.options"), jvmOptions, UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the server " + serverDirectory, e);
        }
    }

    /** {@code bin/server start <name>}; the server may still be starting its application when this returns. */
    void start() {
        int exit = command("start");
        if (pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty()) {
            throw new IllegalStateException("bin/server start " + settings.serverName() + " exited with " + exit
                    + " and no server process is running\n" + diagnostics());
        }
    }

    /** Waits until {@code /health/ready} answers 200 (the application started and its database is reachable). */
    void awaitReady(Duration timeout) {
        URI health = settings.baseUrl().resolve("/health/ready");
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!running()) {
                throw new IllegalStateException("The server " + settings.serverName() + " is gone while starting\n"
                        + diagnostics());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            }
            catch (IOException e) {
                last = e.toString();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + health, e);
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("The server " + settings.serverName() + " is not ready after " + timeout + " ("
                + health + ": " + last + ")\n" + diagnostics());
    }

    boolean running() {
        return process().isPresent();
    }

    /** SIGKILL to the server's JVM, then waits until it is gone: no shutdown hook, no last write. */
    long kill() {
        ProcessHandle server = process().orElseThrow(() -> new IllegalStateException("The server "
                + settings.serverName() + " is not running, nothing to kill\n" + diagnostics()));
        if (!server.destroyForcibly()) {
            throw new IllegalStateException("SIGKILL was not delivered to process " + server.pid());
        }
        awaitExit(server);
        return server.pid();
    }

    /** {@code bin/server stop <name>}, and SIGKILL if the process outlives it; a no-op when it is not running. */
    void stop() {
        if (!running()) {
            return;
        }
        command("stop");
        process().ifPresent(left -> {
            left.destroyForcibly();
            awaitExit(left);
        });
    }

    /** SIGKILL if it still runs, without waiting or failing: the last resort when the test JVM itself ends. */
    void killQuietly() {
        process().ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The end of the server's messages.log, for failure messages. */
    String diagnostics() {
        Path log = serverDirectory.resolve("logs/messages.log");
        StringBuilder text = new StringBuilder("--- last lines of ").append(log).append('\n');
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, UTF_8) : List.of("(none)");
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(line -> text.append(line).append('\n'));
        }
        catch (IOException | UncheckedIOException e) {
            text.append("(unreadable: ").append(e).append(")\n");
        }
        return text.toString();
    }

    /** The server's JVM, if it runs: the process in Liberty's pid file, and only if its command line names this server. */
    private Optional<ProcessHandle> process() {
        return pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(this::isThisServer);
    }

    private boolean isThisServer(ProcessHandle candidate) {
        Optional<String[]> arguments = candidate.info().arguments();
        return arguments.isPresent() && List.of(arguments.get()).contains(settings.serverName())
                && candidate.info().commandLine().map(line -> line.contains(settings.wlpHome().toString())).orElse(false);
    }

    private Optional<Long> pid() {
        Path pidFile = userDirectory.resolve("servers/.pid/" + settings.serverName() + ".pid");
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile, UTF_8).strip()))
                    : Optional.empty();
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void stopLeftover() {
        if (running() && Files.isDirectory(serverDirectory)) {
            stop();
        }
    }

    private void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("Process " + process.pid() + " of " + settings.serverName() + " still runs "
                    + EXIT_TIMEOUT + " after it was told to end", e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for process " + process.pid(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + process.pid() + " to end", e);
        }
    }

    /** Runs {@code bin/server <action> <name>} with this JVM's Java, output appended to server-commands.log. */
    private int command(String action) {
        ProcessBuilder builder = new ProcessBuilder(settings.wlpHome().resolve("bin/server").toString(), action,
                settings.serverName())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(commandLog.toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("WLP_USER_DIR", userDirectory.toString());
        Stream.of("WLP_OUTPUT_DIR", "LOG_DIR", "LOG_FILE", "JVM_ARGS", "SERVER_WORKING_DIR", "JAVA_TOOL_OPTIONS")
                .forEach(environment::remove);
        try {
            Files.createDirectories(commandLog.getParent());
            Process process = builder.start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("bin/server " + action + " " + settings.serverName() + " did not return in "
                        + COMMAND_TIMEOUT);
            }
            return process.exitValue();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot run bin/server " + action, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running bin/server " + action, e);
        }
    }

    private static String variablesXml(Map<String, String> variables) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n");
        variables.forEach((name, value) -> xml.append("    <variable name=\"").append(escape(name)).append("\" value=\"")
                .append(escape(value)).append("\"/>\n"));
        return xml.append("</server>\n").toString();
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
