package th.go.saraban.gateway.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named explicitly so that
 * Selenium Manager never looks for (or downloads) a browser or driver. Without them the browser
 * tests are skipped with a message, unless {@code SARABAN_REQUIRE_BROWSER=1} (set by .ci/run),
 * which makes that a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final String REQUIRED = "SARABAN_REQUIRE_BROWSER";

    static final Dimension PHONE = new Dimension(390, 844);
    static final Dimension DESKTOP = new Dimension(1366, 900);

    final WebDriver driver;
    final Path downloads;

    private Browser(WebDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    static Browser open() throws IOException {
        List<Path> missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter(p -> !Files.isExecutable(p)).toList();
        if (!missing.isEmpty()) {
            if ("1".equals(System.getenv(REQUIRED))) {
                throw new IllegalStateException(REQUIRED + "=1 but there is no " + missing);
            }
            Assumptions.abort("Browser tests skipped: no " + missing + " (Debian packages chromium and chromium-driver;"
                    + " .ci/run installs them and sets " + REQUIRED + "=1 so that they cannot be skipped)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path downloads = Files.createTempDirectory("console-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=th-TH", "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver, downloads);
    }

    /** The page as it is now, at phone and at desktop width: target/console-screenshots/NAME-phone.png, -desktop.png. */
    void screenshots(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        for (Map.Entry<String, Dimension> size : Map.of("phone", PHONE, "desktop", DESKTOP).entrySet()) {
            driver.manage().window().setSize(size.getValue());
            driver.navigate().refresh();
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + size.getKey() + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        driver.manage().window().setSize(DESKTOP);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
