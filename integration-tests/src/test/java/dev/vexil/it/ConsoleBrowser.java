package dev.vexil.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by the system chromedriver: both paths are set explicitly, so Selenium Manager
 * never looks for (or downloads) a browser or a driver. One browser serves every journey of a test class.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("vexil.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("vexil.chromedriver", "/usr/bin/chromedriver");
    /** Where screenshots go; `-Dvexil.screenshots.dir=$PWD/docs/console` refreshes the README's pictures. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("vexil.screenshots.dir", "target/console-screenshots"));

    final ChromeDriver driver;
    private final WebDriverWait wait;

    ConsoleBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--no-first-run", "--disable-extensions", "--lang=en-GB");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static boolean installed() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement await(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void awaitGone(By by) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /** The control whose label reads exactly {@code label} (labels are tied to controls by for/id). */
    WebElement field(String label) {
        WebElement labelElement = await(By.xpath("//label[normalize-space()=" + quote(label) + "]"));
        return driver.findElement(By.id(labelElement.getAttribute("for")));
    }

    WebElement fieldWithin(WebElement scope, String label) {
        WebElement labelElement = scope.findElement(By.xpath(".//label[normalize-space()=" + quote(label) + "]"));
        return scope.findElement(By.id(labelElement.getAttribute("for")));
    }

    /** The control the API names by {@code path} (every editor control carries its validator path). */
    WebElement atPath(String path) {
        return await(By.cssSelector("[data-path=" + quote(path) + "]"));
    }

    void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    void click(String buttonText) {
        button(buttonText).click();
    }

    WebElement button(String buttonText) {
        return wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()=" + quote(buttonText) + "]")));
    }

    void select(WebElement select, String value) {
        new org.openqa.selenium.support.ui.Select(select).selectByValue(value);
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A screenshot of the whole page as it is now, for docs/console/. */
    void screenshot(String name) {
        script("window.scrollTo(0, 0)");
        Object height = script("return Math.min(document.documentElement.scrollHeight, 3000)");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), ((Number) height).intValue() + 140));
        try {
            keep(driver.getScreenshotAs(OutputType.FILE), name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** A screenshot of one part of the page (a panel far down a long page), for docs/console/. */
    void screenshot(String name, WebElement element) {
        script("arguments[0].scrollIntoView()", element);
        keep(element.getScreenshotAs(OutputType.FILE), name);
    }

    private static void keep(File shot, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    WebDriver raw() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
