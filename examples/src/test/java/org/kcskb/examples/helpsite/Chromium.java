package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromium-driver}, or the paths in
 * {@code KB_TEST_CHROMIUM} and {@code KB_TEST_CHROMEDRIVER}. Without them a test is skipped, and fails in CI
 * ({@code CI=true}).
 */
final class Chromium implements AutoCloseable {
    final ChromeDriverService service;
    final ChromeDriver driver;

    private Chromium(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Starts a headless browser whose profile lives in {@code directory}; skips the test without one. */
    static Chromium start(Path directory) throws IOException {
        Path chromium = executable("KB_TEST_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = executable("KB_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        var options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // The machine has no network: without these flags Chromium waits on connections it cannot make.
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1100,900",
                "--user-data-dir=" + Files.createDirectories(directory.resolve("chromium")));
        try {
            return new Chromium(service, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    /** The browser or driver binary, or a skip (locally) or failure (in CI) that says how to install it. */
    private static Path executable(String variable, String fallback) {
        Path path = Path.of(Optional.ofNullable(System.getenv(variable)).orElse(fallback));
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = path + " is missing: the browser test needs Debian's chromium and chromium-driver"
                + " (apt-get install -y chromium chromium-driver; .ci/run installs them), or set " + variable;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort("Skipped: " + message);
        throw new AssertionError("unreachable");
    }
}
