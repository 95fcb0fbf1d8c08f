package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Feedback;
import org.kcskb.examples.SampleKnowledgeBase;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the widget on the demo page in headless Chromium, against the sample knowledge base in the embedded
 * default store.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code apt-get install -y chromium
 * chromium-driver}; {@code .ci/run} installs them), or the paths in {@code KB_TEST_CHROMIUM} and
 * {@code KB_TEST_CHROMEDRIVER}. Without them the test is skipped, and fails in CI ({@code CI=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private KnowledgeBase kb;
    private HelpSiteServer site;
    private SampleKnowledgeBase.Summary sample;
    private Chromium browser;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void start(@TempDir Path directory) throws IOException {
        kb = KnowledgeBase.open(directory.resolve("kb"));
        sample = SampleKnowledgeBase.loadIfEmpty(kb);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
        site = HelpSiteServer.builder(kb).port(0).start();

        browser = Chromium.start(directory);
        driver = browser.driver;
        wait = new WebDriverWait(driver, WAIT);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
        if (kb != null) {
            kb.close();
        }
    }

    @BeforeEach
    void openDemoPage() {
        driver.get(site.address().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-input")));
    }

    @AfterEach
    void screenshot(TestInfo test) throws IOException {
        Path target = Files.createDirectories(Path.of("target", "help-site-screenshots"));
        Path file = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(
                file,
                target.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Needs kb.suggest and typo-tolerant search (kb-index). */
    @Test
    void germanQueryWithATypo_showsSuggestions_opensTheArticle_andStoresTheHelpfulVote() {
        try {
            kb.suggest("kü", Viewer.anonymous(), 1);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("kb.suggest is not implemented by this build's search engine yet: " + e.getMessage());
        }
        ArticleId cancel = sample.articles().get("billing-kuendigung");
        int votesBefore = helpfulVotes(cancel);
        String title = kb.article(cancel).orElseThrow().title();

        // "/" focuses the search box from anywhere on the page.
        driver.findElement(By.tagName("body")).sendKeys("/");
        WebElement input = driver.switchTo().activeElement();
        assertThat(input.getAttribute("class")).contains("kbw-input");

        input.sendKeys("Kündig");
        WebElement listbox =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-suggestions")));
        assertThat(input.getAttribute("aria-expanded")).isEqualTo("true");
        List<WebElement> options = listbox.findElements(By.cssSelector("[role=option]"));
        assertThat(options).isNotEmpty();
        assertThat(options).anySatisfy(o -> assertThat(o.getText()).containsIgnoringCase("kündig"));
        assertThat(listbox.findElements(By.tagName("mark"))).isNotEmpty();
        input.sendKeys(Keys.ARROW_DOWN);
        assertThat(input.getAttribute("aria-activedescendant"))
                .isEqualTo(options.getFirst().getAttribute("id"));
        input.sendKeys(Keys.ESCAPE);
        assertThat(listbox.isDisplayed()).isFalse();

        // The typo: "Kündigugn" for "Kündigung". Enter searches at once and closes the suggestions.
        input.sendKeys("ugn", Keys.ENTER);
        waitForHit("Kündigugn", title).click();

        voteHelpfulAndCheckStored(cancel, title, votesBefore);
    }

    @Test
    void englishSearch_opensTheArticle_andStoresTheHelpfulVote() {
        ArticleId hotel = sample.articles().get("vpn-hotel-wifi");
        int votesBefore = helpfulVotes(hotel);
        String title = kb.article(hotel).orElseThrow().title();

        driver.findElement(By.cssSelector(".kbw-lang[data-lang=en]")).click();
        assertThat(driver.findElement(By.cssSelector(".kbw-label")).getText()).isEqualTo("How can we help?");
        WebElement input = driver.findElement(By.cssSelector(".kbw-input"));
        input.sendKeys("vpn hotel wifi", Keys.ENTER);
        waitForHit("vpn hotel wifi", title);
        assertThat(driver.findElements(By.cssSelector(".kbw-snippet mark"))).isNotEmpty();

        // Arrow keys move from the search box through the results; Enter opens one.
        input.sendKeys(Keys.ARROW_DOWN);
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getAttribute("class")).contains("kbw-hit-title");
        assertThat(focused.getText()).isEqualTo(title);
        focused.sendKeys(Keys.ENTER);

        voteHelpfulAndCheckStored(hotel, title, votesBefore);

        // Esc goes back to the results, with the focus on the opened one.
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".kbw-article")));
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo(title);
    }

    @Test
    void productFilter_narrowsTheResults() {
        String desk = kb.article(sample.articles().get("desk-canned-responses"))
                .orElseThrow()
                .title();
        String billing = kb.article(sample.articles().get("billing-change-plan"))
                .orElseThrow()
                .title();
        WebElement input = driver.findElement(By.cssSelector(".kbw-input"));
        input.sendKeys("upgrade", Keys.ENTER);
        waitForHit("upgrade", billing);

        // The results (and their facet buttons) may render once more after Enter, for the debounced search as
        // you type: click whichever button is current.
        By deskFilter = By.cssSelector(".kbw-facet[data-product=\"Acme Desk\"]");
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement button = d.findElement(deskFilter);
            if (!button.isDisplayed() || !button.isEnabled()) {
                return false;
            }
            button.click();
            return true;
        });

        wait.until(ExpectedConditions.attributeToBe(
                By.cssSelector(".kbw-facet[data-product=\"Acme Desk\"]"), "aria-pressed", "true"));
        waitForHit("upgrade", desk);
        List<String> titles = wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".kbw-hit-title")).stream()
                        .map(WebElement::getText)
                        .toList());
        assertThat(titles).doesNotContain(billing);

        // The filter is in the address: a reload (or the link, shared) shows the same filtered results.
        wait.until(ExpectedConditions.urlContains("#/search?q=upgrade&product=Acme+Desk"));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(
                By.cssSelector(".kbw-facet[data-product=\"Acme Desk\"]"), "aria-pressed", "true"));
        waitForHit("upgrade", desk);
        List<String> reloaded = wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".kbw-hit-title")).stream()
                        .map(WebElement::getText)
                        .toList());
        assertThat(reloaded).doesNotContain(billing);
    }

    @Test
    void termsOfInternalArticles_findNothing_andTheHandOffRecordsTheFailedSearch() {
        WebElement input = driver.findElement(By.cssSelector(".kbw-input"));
        for (String term : SampleKnowledgeBase.INTERNAL_ONLY_TERMS) {
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            input.sendKeys(term);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector(".kbw-status"), "Keine Artikel zu „" + term + "“ gefunden."));
            assertThat(driver.findElements(By.cssSelector(".kbw-hit"))).as(term).isEmpty();
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(".kbw-suggestions[data-query=\"" + term + "\"]")));
            assertThat(driver.findElements(By.cssSelector(".kbw-suggestion")))
                    .as(term)
                    .isEmpty();
        }

        // Nothing helped: hand the last search over to support.
        WebElement message =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-handoff textarea")));
        message.sendKeys("Bitte rufen Sie mich an.");
        driver.findElement(By.cssSelector(".kbw-handoff-send")).click();
        WebElement done = wait.until(
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-handoff-done:not(:empty)")));
        assertThat(done.getText()).startsWith("Ihre Anfrage HO-");
        String last = SampleKnowledgeBase.INTERNAL_ONLY_TERMS.getLast().toLowerCase();
        assertThat(kb.analytics().contentGaps(ReportQuery.all().withLimit(1_000)))
                .anySatisfy(gap -> assertThat(gap.query()).contains(last));
    }

    @Test
    void widgetEmbeddedIntoABlankPageOfAnotherOrigin_searchesTheHelpSite(@TempDir Path pageDirectory)
            throws IOException {
        Path page = pageDirectory.resolve("blank.html");
        Files.writeString(page, """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>My page</title></head>
                <body><p>My own page.</p><div id="help"></div>
                <script src="%skb-widget.js" data-kb-target="#help" data-kb-lang="en"></script>
                </body></html>
                """.formatted(site.address()));
        ArticleId mac = sample.articles().get("print-blank-pages-mac");
        String title = kb.article(mac).orElseThrow().title();

        driver.get(page.toUri().toString());
        WebElement input =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#help .kbw-input")));
        assertThat(driver.findElement(By.cssSelector("#help label")).getText()).isEqualTo("How can we help?");
        input.sendKeys("printer blank pages mac", Keys.ENTER);
        waitForHit("printer blank pages mac", title).click();

        WebElement heading =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-article-title")));
        assertThat(heading.getText()).isEqualTo(title);
        // The stylesheet came along from the help site: the widget is styled, not the page.
        assertThat(driver.findElement(By.cssSelector(".kbw-vote-yes")).getCssValue("border-radius"))
                .isEqualTo("6px");
    }

    @Test
    void anArticlesLink_opensItDirectly_andBackReturnsToTheResultsScrolledAsTheReaderLeftThem() {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(900, 420));
        try {
            var js = (org.openqa.selenium.JavascriptExecutor) driver;
            WebElement input = driver.findElement(By.cssSelector(".kbw-input"));
            input.sendKeys("drucker", Keys.ENTER);
            wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(
                    By.cssSelector(".kbw-results[data-query=drucker] .kbw-hit-title"), 2));
            wait.until(ExpectedConditions.urlContains("#/search?q=drucker"));
            js.executeScript("window.scrollTo(0, 160)");
            WebElement second =
                    driver.findElements(By.cssSelector(".kbw-hit-title")).get(1);
            // In view before the click, so that the click does not scroll (the demo page has a header above).
            js.executeScript("arguments[0].scrollIntoView({block: 'nearest'})", second);
            long scrolled = ((Number) js.executeScript("return Math.round(window.scrollY)")).longValue();
            assertThat(scrolled).as("the results are longer than the window").isPositive();

            String title = second.getText();
            String id = second.getAttribute("data-id");
            second.click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-article-title"), title));
            assertThat(driver.getCurrentUrl()).endsWith("#/article/" + id);
            assertThat(driver.findElements(By.cssSelector(".kbw-related-link")))
                    .extracting(WebElement::getText)
                    .doesNotContain(title);

            // The browser's Back: the same results, scrolled where they were.
            driver.navigate().back();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-search-view")));
            assertThat(driver.findElement(By.cssSelector(".kbw-article")).isDisplayed())
                    .isFalse();
            assertThat(input.getDomProperty("value")).isEqualTo("drucker");
            assertThat(driver.findElements(By.cssSelector(".kbw-hit-title"))
                            .get(1)
                            .getText())
                    .isEqualTo(title);
            wait.until(d ->
                    Math.abs(((Number) js.executeScript("return Math.round(window.scrollY)")).longValue() - scrolled)
                            <= 2);

            // A shared link, opened on a fresh page, shows the article at once; a search link, its results.
            driver.get("about:blank");
            driver.get(site.address() + "#/article/" + id);
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-article-title"), title));
            driver.get("about:blank");
            driver.get(site.address() + "#/search?q=vpn");
            wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(
                    By.cssSelector(".kbw-results[data-query=vpn] .kbw-hit-title"), 0));
            assertThat(driver.findElement(By.cssSelector(".kbw-input")).getDomProperty("value"))
                    .isEqualTo("vpn");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 900));
        }
    }

    @Test
    void aMarkdownArticle_readsAsStepsALinkAndATable_withLabelledEnvironment() {
        ArticleId id = sample.articles().get("print-windows-update");
        String title = kb.article(id).orElseThrow().title();

        driver.get("about:blank");
        driver.get(site.address() + "#/article/" + id.value());
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-article-title"), title));

        WebElement resolution = driver.findElement(By.cssSelector(".kbw-part.kbw-resolution"));
        assertThat(resolution.findElements(By.cssSelector("ol > li"))).hasSizeGreaterThan(1);
        assertThat(resolution.findElements(By.cssSelector("table td"))).isNotEmpty();
        WebElement download = resolution.findElement(By.cssSelector("a[href^='https://']"));
        assertThat(download.getAttribute("rel")).contains("noopener", "nofollow");
        // No Markdown syntax is left over, and a plain-text part still reads as paragraphs.
        assertThat(resolution.getText()).doesNotContain("**", "](", "| ---");
        WebElement environment = driver.findElement(By.cssSelector(".kbw-part.kbw-environment dl.kb-environment"));
        assertThat(environment.findElements(By.tagName("dt")))
                .extracting(WebElement::getText)
                .contains("Produkt");
        assertThat(driver.findElement(By.cssSelector(".kbw-article-body p")).getCssValue("white-space"))
                .isEqualTo("normal");
    }

    /** Waits for the results of {@code query} (not those of a search typed on the way) to show {@code title}. */
    private WebElement waitForHit(String query, String title) {
        By selector = By.cssSelector(".kbw-results[data-query=\"" + query + "\"] .kbw-hit-title");
        return wait.until(driver -> driver.findElements(selector).stream()
                .filter(link -> link.getText().equals(title))
                .findFirst()
                .orElse(null));
    }

    private void voteHelpfulAndCheckStored(ArticleId id, String title, int votesBefore) {
        WebElement heading =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-article-title")));
        assertThat(heading.getText()).isEqualTo(title);
        assertThat(driver.switchTo().activeElement()).isEqualTo(heading);
        driver.findElement(By.cssSelector(".kbw-vote-yes")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-vote-done:not(:empty)")));

        List<Feedback> votes = kb.feedback(id);
        assertThat(votes.stream().filter(Feedback::helpful).count()).isEqualTo(votesBefore + 1L);
        assertThat(votes.getLast().givenBy()).isEqualTo("public");
    }

    private int helpfulVotes(ArticleId id) {
        return (int) kb.feedback(id).stream().filter(Feedback::helpful).count();
    }
}
