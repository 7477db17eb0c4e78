package dev.kaiwa.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * One headless Chromium with fake camera and microphone, driven by Debian's chromedriver: its own profile
 * and its own TMPDIR (a killed Chromium leaves folders behind there), its chromedriver log, and on close the
 * console log and a screenshot under {@code target/browser-tests/<label>-<id>/}. Close it in {@code finally}:
 * quitting also stops chromedriver and removes the profile and the temporary folder.
 */
public final class Browser implements AutoCloseable {
    /** Headless, no network chatter of its own, fake media devices that need no permission prompt. */
    private static final List<String> FLAGS = List.of(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            // Without it Chromium gathers no 127.0.0.1 candidates, and loopback is all a test has.
            "--allow-loopback-in-peer-connection",
            "--window-size=1280,900");
    private static final String ENGLISH = "en-US";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final String label;
    private final Path directory;
    private final Path profile;
    private final Path temporary;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(String label, Path directory, Path profile, Path temporary, ChromeDriverService service,
            ChromeDriver driver) {
        this.label = label;
        this.directory = directory;
        this.profile = profile;
        this.temporary = temporary;
        this.service = service;
        this.driver = driver;
    }

    /** Starts an English browser; {@code label} names its folder (e.g. the test and the person it plays). */
    public static Browser start(String label) {
        return start(label, ENGLISH);
    }

    /** Starts a browser whose navigator.language is {@code language} (e.g. ja). */
    static Browser start(String label, String language) {
        Path chromium = BrowserTestSettings.chromium();
        Path chromedriver = BrowserTestSettings.chromedriver();
        Path directory = BrowserTestSettings.workDirectory().resolve(label + "-" + UUID.randomUUID().toString().substring(0, 8));
        Path profile = directory.resolve("profile");
        Path temporary;
        try {
            Files.createDirectories(profile);
            // Short, under the system's temporary folder: Chromium's singleton socket path must fit in 107 bytes.
            temporary = Files.createTempDirectory("kaiwa-browser-");
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the browser's folders under " + directory, e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", temporary.toString()))
                .withLogFile(directory.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        }
        catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            deleteQuietly(temporary);
            throw new AssertionError("Chromium (" + chromium + ") did not start through " + chromedriver + "; see "
                    + directory.resolve("chromedriver.log"), e);
        }
        driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
        driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
        return new Browser(label, directory, profile, temporary, service, driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    String label() {
        return label;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Runs a script; its {@code return} value comes back as Java maps, lists, strings, numbers and booleans. */
    public Object execute(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /** Runs a script that calls {@code arguments[arguments.length - 1]} with its result. */
    Object executeAsync(String script, Object... arguments) {
        return driver.executeAsyncScript(script, arguments);
    }

    /** Saves the console log and a screenshot, quits Chromium and chromedriver, removes profile and temporary files. */
    @Override
    public void close() {
        try {
            saveDiagnostics();
        }
        finally {
            try {
                driver.quit();
            }
            catch (WebDriverException e) {
                // Chromium already gone: the service stop below ends chromedriver.
            }
            finally {
                service.stop();
                deleteQuietly(profile);
                deleteQuietly(temporary);
            }
        }
    }

    private void saveDiagnostics() {
        try {
            String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString)
                    .collect(Collectors.joining(System.lineSeparator()));
            Files.writeString(directory.resolve("console.log"), console);
            Files.write(directory.resolve("screenshot.png"), driver.getScreenshotAs(OutputType.BYTES));
        }
        catch (IOException | WebDriverException e) {
            // Diagnostics are a courtesy; a browser that cannot give them is closed all the same.
        }
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException e) {
                    // A file still held by a dying process; the build's clean removes it later.
                }
            });
        }
        catch (IOException | UncheckedIOException e) {
            // As above.
        }
    }
}
