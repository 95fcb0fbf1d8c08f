package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;
import org.kcskb.examples.SampleKnowledgeBase;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeDraft;
import org.kcskb.notice.NoticeStats;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The user story in headless Chromium: a Publisher publishes "Drucker druckt nach Update KB5034 nicht" for Windows
 * 11 for two hours; the widget shows it as a banner above the results for "drucker druckt nicht" (and on the start
 * page, as it is marked "show to all"), not for "vpn", counts the impression and "this answered my question", and
 * never shows an internal notice. Needs Chromium as {@link HelpSiteBrowserTest} does; skipped without it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteNoticesBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Actor COACH = Actor.publisher("coach-1");

    private KnowledgeBase kb;
    private HelpSiteServer site;
    private Chromium browser;
    private WebDriver driver;
    private WebDriverWait wait;
    private Notice printer;
    private Notice internal;
    private ArticleId article;

    @BeforeAll
    void start(@TempDir Path directory) throws IOException {
        kb = KnowledgeBase.open(directory.resolve("kb"));
        SampleKnowledgeBase.Summary sample = SampleKnowledgeBase.loadIfEmpty(kb);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
        article = sample.articles().values().stream()
                .filter(id -> kb.article(id, Viewer.anonymous()).isPresent())
                .findFirst()
                .orElseThrow();
        printer = kb.publishNotice(
                COACH,
                NoticeDraft.builder()
                        .text(
                                Locale.GERMAN,
                                "Drucker druckt nach Update KB5034 nicht",
                                "<img src=x onerror=alert(1)> Update KB5034 vorerst deinstallieren.")
                        .text(Locale.ENGLISH, "Printer does not print after update KB5034", "Uninstall KB5034 for now.")
                        .products("Windows 11")
                        .symptoms("drucker druckt nicht", "printer does not print")
                        .audience(Audience.PUBLIC)
                        .article(article)
                        .showToAll(true)
                        .lasting(Duration.ofHours(2))
                        .build());
        internal = kb.publishNotice(
                COACH,
                NoticeDraft.builder()
                        .text(Locale.GERMAN, "Intern: VPN-Gateway GW-3 gestört", "Nur für Agenten")
                        .products("VPN")
                        .symptoms("vpn", "drucker druckt nicht")
                        .audience(Audience.INTERNAL)
                        .showToAll(true)
                        .lasting(Duration.ofHours(2))
                        .build());
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

    @Test
    void banner_showsForDruckerDrucktNicht_notForVpn_countsAndNeverShowsTheInternalNotice() {
        driver.get(site.address().toString());
        WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-input")));
        // The start page shows the notice marked "show to all", the public one only.
        wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".kbw-notice[data-notice=\"" + printer.id().value() + "\"]")));
        assertNoInternalNotice();

        input.sendKeys("vpn", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".kbw-results[data-query=\"vpn\"]")));
        assertThat(driver.findElements(By.cssSelector(".kbw-notice"))).isEmpty();

        input.clear();
        input.sendKeys("drucker druckt nicht", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".kbw-results[data-query=\"drucker druckt nicht\"]")));
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".kbw-notice[data-notice=\"" + printer.id().value() + "\"]")));
        assertNoInternalNotice();
        assertThat(driver.findElements(By.cssSelector(".kbw-notice"))).hasSize(1);
        // Above the results, text only: the markup in the notice's text is shown, never run.
        Integer bannerTop = banner.getLocation().getY();
        Integer resultsTop =
                driver.findElement(By.cssSelector(".kbw-results")).getLocation().getY();
        assertThat(bannerTop).isLessThan(resultsTop);
        assertThat(banner.findElement(By.cssSelector(".kbw-notice-title")).getText())
                .isEqualTo("Drucker druckt nach Update KB5034 nicht");
        assertThat(banner.findElement(By.cssSelector(".kbw-notice-text")).getText())
                .startsWith("<img src=x onerror=alert(1)>");
        assertThat(banner.findElements(By.tagName("img"))).isEmpty();
        assertThat(banner.findElement(By.cssSelector(".kbw-notice-article")).getAttribute("data-id"))
                .isEqualTo(article.value());

        // Shown once on the start page and once for the search: one impression per page load.
        wait.until(d -> stats().impressions() >= 1);
        banner.findElement(By.cssSelector(".kbw-notice-answered")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-notice-thanks")));
        assertThat(stats().answered()).isEqualTo(1);
        assertThat(stats().impressions()).isEqualTo(1);
        assertThat(kb.noticeStats(Viewer.agent(COACH)))
                .filteredOn(s -> s.notice().equals(internal.id()))
                .allSatisfy(s -> assertThat(s.impressions()).isZero());

        // The link opens the article describing the issue.
        driver.findElement(By.cssSelector(".kbw-notice-article")).click();
        WebElement heading =
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-article-title")));
        assertThat(heading.getText())
                .isEqualTo(kb.article(article).orElseThrow().title());
    }

    private void assertNoInternalNotice() {
        List<WebElement> notices = driver.findElements(By.cssSelector(".kbw-notice"));
        assertThat(notices).noneSatisfy(n -> assertThat(n.getAttribute("data-notice"))
                .isEqualTo(internal.id().value()));
        assertThat(driver.getPageSource())
                .doesNotContain("GW-3")
                .doesNotContain(internal.id().value());
    }

    private NoticeStats stats() {
        return kb.noticeStats(Viewer.anonymous()).stream()
                .filter(s -> s.notice().equals(printer.id()))
                .findFirst()
                .orElseThrow();
    }
}
