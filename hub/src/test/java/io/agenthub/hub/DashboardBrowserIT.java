package io.agenthub.hub;

import io.agenthub.embedded.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (Debian's headless Chromium driven by Selenium) against the local system on the
 * replayed real candles: a trader registers, sees a refused form's messages next to its fields, creates an agent, sees
 * it reach running and trade live, watches the chart and the log update, stops it; the catalogue, a backtest and the
 * secrets page work; the pages fit a phone; and another user sees none of it. Screenshots of each page go to
 * {@code hub/target/screenshots/}.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dataDir;

    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriver browser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are not installed here (.ci/run installs them: apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void shouldLetATraderCreateWatchAndStopAnAgentAndShowAnotherUserNothingWhenUsedInAHeadlessBrowser() throws Exception {
        browser = browser();
        int apiPort = FreePorts.next();
        try (ConfigurableApplicationContext hub = ReplayHub.start(dataDir, apiPort, Map.of())) {
            String base = "http://127.0.0.1:" + apiPort + "/";
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            JavascriptExecutor js = (JavascriptExecutor) browser;

            browser.get(base);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-form")));
            Number loaded = (Number) js.executeScript("const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;");
            System.out.printf("dashboard: sign-in page loaded in %.0f ms%n", loaded.doubleValue());
            screenshot("01-sign-in");

            // register, and be taken to an empty list of agents
            register(wait, "trader-" + System.nanoTime() + "@example.com");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-agents")));
            wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));

            // a refused form shows the API's messages next to the fields
            WebElement form = browser.findElement(By.id("create-form"));
            type(form, "risk_params.stop_loss_pct", "-1");
            type(form, "risk_params.leverage", "500");
            form.findElement(By.id("create-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-error-for='risk_params.stop_loss_pct']")));
            assertThat(browser.findElements(By.cssSelector("[data-error-for='risk_params.leverage']"))).hasSize(1);
            assertThat(browser.findElement(By.cssSelector("#create-form .form-error")).getText()).contains("invalid fields");
            screenshot("02-create-refused");

            // a valid agent: created, and running within moments, as the live updates show
            new Select(form.findElement(By.name("strategy_name"))).selectByValue("z_score");
            type(form, "interval_seconds", "1");
            type(form, "risk_params.stop_loss_pct", "1");
            type(form, "risk_params.take_profit_pct", "1");
            type(form, "risk_params.leverage", "2");
            form.findElement(By.id("create-submit")).click();
            WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#agents tr[data-agent-id]")));
            String agentId = row.getAttribute("data-agent-id");
            assertThat(browser.findElements(By.cssSelector(".field-error"))).as("the messages are gone").isEmpty();
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#agents tr[data-agent-id='" + agentId + "'] [data-status='running']")));
            screenshot("03-agents");

            // the agent's page: the chart draws, it trades, and the log and chart keep updating
            click(row.findElement(By.tagName("a")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#price-chart canvas")));
            new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(500))
                    .until(d -> !d.findElements(By.cssSelector("#trades tbody tr")).isEmpty());
            int logLines = browser.findElements(By.cssSelector("#log div[data-level]")).size();
            // the chart shows the last 500 candles (the replay published a day of them): its newest one moves on
            assertThat(Integer.parseInt(browser.findElement(By.id("price-chart")).getAttribute("data-bars"))).isPositive();
            long last = Long.parseLong(browser.findElement(By.id("price-chart")).getAttribute("data-last"));
            new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500))
                    .ignoring(StaleElementReferenceException.class).until(d ->
                    d.findElements(By.cssSelector("#log div[data-level]")).size() > logLines
                            && Long.parseLong(d.findElement(By.id("price-chart")).getAttribute("data-last")) > last);
            assertThat(browser.findElement(By.id("agent-status")).getText()).isEqualTo("running");
            assertThat(browser.findElement(By.id("equity-chart")).findElements(By.tagName("canvas"))).isNotEmpty();

            // the log filter: only the chosen levels
            for (WebElement box : browser.findElements(By.cssSelector("#levels input"))) {
                if (box.isSelected() != "action".equals(box.getAttribute("value"))) {
                    click(box);
                }
            }
            // read in one go in the page: the log is redrawn as the filter changes and as lines arrive
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(js.executeScript(
                    "return [...document.querySelectorAll('#log div[data-level]')].every(line => line.dataset.level === 'action');")));
            screenshot("04-agent");

            // stop it from its page
            click(browser.findElement(By.cssSelector("button[data-action='stop']")));
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("agent-status"), "stopped"));
            assertThat(browser.findElement(By.cssSelector("button[data-action='stop']")).isEnabled()).isFalse();
            assertThat(browser.findElement(By.cssSelector("button[data-action='start']")).isEnabled()).isTrue();
            screenshot("05-agent-stopped");

            // the catalogue, a backtest, secrets (names only)
            browser.get(base + "#/strategies");
            wait.until(d -> d.findElements(By.cssSelector("#strategies tbody tr")).size() == 26);
            screenshot("06-strategies");
            browser.get(base + "#/backtest");
            click(wait.until(ExpectedConditions.elementToBeClickable(By.id("backtest-submit"))));
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#backtest-chart canvas")));
            assertThat(browser.findElement(By.id("backtest-stats")).getText()).containsIgnoringCase("trades");
            screenshot("07-backtest");
            browser.get(base + "#/secrets");
            WebElement secrets = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("secret-form")));
            type(secrets, "key_name", "HASHKEY_API_KEY");
            type(secrets, "value", "hk-never-shown-123");
            click(secrets.findElement(By.id("secret-submit")));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-secret='HASHKEY_API_KEY']")));
            assertThat(browser.getPageSource()).doesNotContain("hk-never-shown-123");
            screenshot("08-secrets");
            click(browser.findElement(By.cssSelector("tr[data-secret='HASHKEY_API_KEY'] button")));
            browser.switchTo().alert().accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-secret='HASHKEY_API_KEY']")));

            // a phone's screen: nothing wider than it
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.get(base + "#/agents");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#agents tr[data-agent-id]")));
            assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth - window.innerWidth;")).intValue())
                    .as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
            screenshot("09-agents-phone");
            browser.get(base + "#/agents/" + agentId);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#price-chart canvas")));
            screenshot("10-agent-phone");
            browser.manage().window().setSize(new Dimension(1366, 900));

            // another user sees none of it, not even by its address
            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-form")));
            register(wait, "other-" + System.nanoTime() + "@example.com");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-agents")));
            assertThat(browser.findElements(By.cssSelector("tr[data-agent-id]"))).isEmpty();
            browser.get(base + "#/agents/" + agentId);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Not found"));
            screenshot("11-other-user");
        }
    }

    private void register(WebDriverWait wait, String email) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("auth-switch"))).click();
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-form")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("auth-submit"), "Create account"));
        type(form, "email", email);
        type(form, "password", "correct horse battery staple");
        form.findElement(By.id("auth-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Your agents"));
    }

    /** As a user would: scrolled into the middle of the view first, clear of the sticky header. */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    private static void type(WebElement form, String name, String text) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
