package io.lanyard.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven as a person would: it types, clicks and reads what is shown.
 * Every console message is kept, so that a test can fail on any browser error; screenshots go to
 * {@code target/screenshots/}, at desktop width and at 375 px. Waits are generous: against the real
 * system a first page may wait for a service's first token.
 */
public final class Browser implements AutoCloseable {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ChromeDriver driver;
  private final String base;
  private final List<String> consoleErrors = new ArrayList<>();

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  /**
   * @param language the browser's preferred language ({@code Accept-Language})
   */
  public static Browser open(String base, String language) {
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=" + language,
        "--window-size=1280,900");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new Browser(new ChromeDriver(options), base);
  }

  public Browser visit(String path) {
    driver.get(path.startsWith("http") ? path : base + path);
    return this;
  }

  /** Signs in on the identity provider's login page (the same field ids as Keycloak's). */
  public Browser signIn(String username, String password) {
    waitFor(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("kc-login")).click();
    return this;
  }

  public WebElement waitFor(By what) {
    return new WebDriverWait(driver, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(what));
  }

  /**
   * Waits until the element shows the text (htmx swaps in place, a moment after a click). An
   * element replaced or a page left while it is read is looked for again.
   */
  public void waitForText(By what, String text) {
    new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(WebDriverException.class)
        .until(ExpectedConditions.textToBePresentInElementLocated(what, text));
  }

  /** Waits until the browser is at this path (after a redirect htmx or the server asked for). */
  public void waitForPath(String path) {
    new WebDriverWait(driver, WAIT)
        .until(
            ExpectedConditions.urlMatches(
                "^[a-z]+://[^/]+" + java.util.regex.Pattern.quote(path) + "([?#].*)?$"));
  }

  public WebElement button(String name) {
    return waitFor(By.xpath("//button[normalize-space(.)='" + name + "']"));
  }

  public String text(By what) {
    return waitFor(what).getText();
  }

  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Saves the page at desktop width and at 375 px. */
  public void screenshots(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      for (int width : new int[] {1280, 375}) {
        driver.manage().window().setSize(new Dimension(width, 900));
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + "-" + width + ".png"), png);
      }
      driver.manage().window().setSize(new Dimension(1280, 900));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser's console errors since the last call, except those {@code allowed} matches. */
  public List<String> consoleErrors(String... allowed) {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
        consoleErrors.add(entry.getMessage());
      }
    }
    List<String> errors = new ArrayList<>();
    for (String error : consoleErrors) {
      boolean expected = false;
      for (String pattern : allowed) {
        expected |= error.contains(pattern);
      }
      if (!expected) {
        errors.add(error);
      }
    }
    consoleErrors.clear();
    return errors;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
