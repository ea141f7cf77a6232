package io.gitplatform.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium driven by its own ChromeDriver (no driver download), headless, with the flags that keep it off
 * the network, a fresh profile, and the browser console captured so that tests can fail on any error.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final File BROWSER = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser; without Chromium installed the tests are skipped, except in CI where that is a failure. */
    static HeadlessChromium start() throws IOException {
        boolean installed = BROWSER.canExecute() && DRIVER.canExecute();
        if (!installed && System.getenv("CI") == null) {
            Assumptions.abort("no /usr/bin/chromium or /usr/bin/chromedriver (apt-get install chromium"
                    + " chromium-driver)");
        }
        assertThat(installed).as("Chromium and ChromeDriver in /usr/bin (.ci/run installs them)").isTrue();
        Path profile = Files.createTempDirectory("git-ui-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    /** The console's SEVERE entries since the last call (errors, uncaught exceptions, failed loads). */
    List<LogEntry> severeLogs() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    /** Emulates {@code prefers-color-scheme: dark} (or stops emulating it). */
    void darkMode(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** A screenshot of the whole page, not only the window, as target/screenshots/{name}.png. */
    @SuppressWarnings("unchecked")
    Path screenshot(String name) throws IOException {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "scale", 1,
                        "width", size.get("width"), "height", size.get("height"))));
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
