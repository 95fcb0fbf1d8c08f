package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.web.KbWeb;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo looks like a help site (Acme's header, a system font, a centred column, a footer, a favicon), and the
 * widget works embedded into a page of another origin: the partner page loads the script from the help site and
 * searches it cross-origin, as README's "Embed it into any page, of any origin" says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteEmbedBrowserTest {
    private DemoSiteInBrowser demo;
    private HelpSiteServer site;
    private PartnerPage partner;
    private Chromium chromium;
    private WebDriverWait wait;

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        demo = DemoSiteInBrowser.start(directory, site -> site);
        site = demo.site;
        chromium = demo.chromium;
        wait = demo.wait;
        partner = PartnerPage.start("localhost", 0, site.address());
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close(partner);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void screenshot(org.junit.jupiter.api.TestInfo test) throws java.io.IOException {
        Path target = java.nio.file.Files.createDirectories(Path.of("target", "help-site-screenshots"));
        Path file = chromium.driver
                .getScreenshotAs(org.openqa.selenium.OutputType.FILE)
                .toPath();
        java.nio.file.Files.copy(
                file,
                target.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) chromium.driver).executeScript(script, args);
    }

    @Test
    void theDemoPage_isStyledLikeAHelpSite_withAFavicon() throws Exception {
        chromium.driver.get(site.address().toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-input")));

        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) js("""
                var main = document.querySelector('main').getBoundingClientRect();
                var width = document.documentElement.clientWidth;
                return {
                  font: getComputedStyle(document.body).fontFamily,
                  header: document.querySelector('header').innerText,
                  footer: document.querySelector('footer').innerText,
                  left: main.left, right: width - main.right, width: main.width, viewport: width,
                  icon: document.querySelector('link[rel="icon"]').href
                };""");
        assertThat((String) page.get("font")).startsWith("system-ui").doesNotContain("Times");
        assertThat((String) page.get("header")).contains("Acme");
        assertThat((String) page.get("footer")).contains("Acme");
        double left = ((Number) page.get("left")).doubleValue();
        double right = ((Number) page.get("right")).doubleValue();
        assertThat(left)
                .as("a centred column")
                .isGreaterThan(50)
                .isCloseTo(right, org.assertj.core.data.Offset.offset(2.0));

        String icon = (String) page.get("icon");
        assertThat(icon).isEqualTo(site.address().resolve("favicon.svg").toString());
        HttpResponse<String> favicon = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(icon)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(favicon.statusCode()).isEqualTo(200);
        assertThat(favicon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(favicon.body()).startsWith("<svg");
        // The browser renders it: an image of the favicon's address gets a size.
        Object rendered = ((JavascriptExecutor) chromium.driver)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1]; var img = new Image();"
                                + " img.onload = function () { done(img.naturalWidth); };"
                                + " img.onerror = function () { done(-1); }; img.src = arguments[0];",
                        icon);
        assertThat(((Number) rendered).intValue()).isPositive();
    }

    @Test
    void thePartnerPage_onAnotherOrigin_loadsTheWidgetFromTheHelpSite_andGetsResults() {
        URI home = site.address();
        URI elsewhere = partner.address();
        assertThat(elsewhere.getPort()).isNotEqualTo(home.getPort());
        chromium.driver.get(elsewhere.toString());
        var input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-input")));
        String siteOrigin = "http://localhost:" + home.getPort();
        assertThat(js("return location.origin")).isEqualTo("http://localhost:" + elsewhere.getPort());
        // English texts from the help site's bundle (the partner page asks for data-kb-lang="en").
        wait.until(d -> "How can we help?".equals(js("return document.querySelector('.kbw-label').textContent")));

        input.sendKeys("printer does not print");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".kbw-results[data-query=\"printer does not print\"] .kbw-hit-title")));

        assertThat(chromium.driver.findElements(By.cssSelector(".kbw-hit-title")))
                .isNotEmpty();
        assertThat((String) js("return document.querySelector('.kbw-status').textContent"))
                .matches("\\d+ articles? found");
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>)
                js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })");
        String webjar = siteOrigin + "/webjars/kb-web/" + KbWeb.version() + "/";
        assertThat(loaded)
                .contains(webjar + "kb-widget.js", webjar + "kb-widget.css", webjar + "messages/en.json")
                .anySatisfy(url -> assertThat(url).startsWith(siteOrigin + "/api/search?"))
                .anySatisfy(url -> assertThat(url).startsWith(siteOrigin + "/api/suggest?"));
        // The widget's stylesheet applies on the partner page too.
        assertThat(js("return getComputedStyle(document.querySelector('.kbw')).maxWidth"))
                .isEqualTo("736px");
    }
}
