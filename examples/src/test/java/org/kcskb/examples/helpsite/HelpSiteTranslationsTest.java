package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.store.ArticleStores;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Translations on the help site: one issue written in German and in English (and in French, internal only). The
 * JSON names a hit's and an article's public translations; the widget offers them and its language switch opens
 * the translation of the open article. The browser part needs Chromium, as {@link HelpSiteBrowserTest} does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteTranslationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor ADMIN = Actor.administrator("admin-1");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private KnowledgeBase kb;
    private HelpSiteServer site;
    private Article german;
    private Article english;
    private Article internalFrench;
    private Article englishOnly;
    private HelpSiteServer italianSite;

    @BeforeAll
    void start() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
        german = capture(
                "ScanPilot stürzt beim Start ab",
                "Der Scan-Assistent ScanPilot stürzt direkt nach dem Start mit Fehler 0x8004 ab.",
                "Installieren Sie ScanPilot 2.1.",
                Locale.GERMAN,
                Audience.PUBLIC);
        english = capture(
                "ScanPilot crashes at startup",
                "The ScanPilot scan assistant crashes right after it starts, with error 0x8004.",
                "Install ScanPilot 2.1.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        internalFrench = capture(
                "ScanPilot plante au démarrage",
                "L'assistant ScanPilot plante juste après le démarrage avec l'erreur 0x8004.",
                "Installez ScanPilot 2.1.",
                Locale.FRENCH,
                Audience.INTERNAL);
        englishOnly = capture(
                "TwainBridge driver is missing after an update",
                "After a Windows update, TwainBridge finds no scanner driver.",
                "Reinstall the TwainBridge driver.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        kb.linkTranslation(ADMIN, german.id(), english.id());
        kb.linkTranslation(ADMIN, internalFrench.id(), english.id());
        assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
        site = HelpSiteServer.builder(kb).port(0).start();
    }

    /** A site whose owner added Italian texts for the widget: a file, no code. */
    private HelpSiteServer italianSite(Path directory) throws IOException {
        if (italianSite == null) {
            Path messages = Files.createDirectories(directory.resolve("messages"));
            Files.writeString(
                    messages.resolve("it.json"),
                    "{\"label\": \"Come possiamo aiutarti?\", \"count.one\": \"1 articolo trovato\","
                            + " \"language.en\": \"inglese\", \"inLanguage\": \"in {language}\"}");
            italianSite = HelpSiteServer.builder(kb).port(0).messages(messages).start();
        }
        return italianSite;
    }

    private Article capture(String title, String issue, String resolution, Locale language, Audience audience) {
        return kb.capture(
                ADMIN,
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution(resolution)
                                .withLanguage(language))
                        .withState(ArticleState.VALIDATED)
                        .withAudience(audience));
    }

    @AfterAll
    void stop() {
        site.close();
        if (italianSite != null) {
            italianSite.close();
        }
        kb.close();
    }

    @Test
    void search_showsTheVisitorsLanguagesVersion_withItsPublicTranslations() throws Exception {
        JsonNode inGerman = getOk("/api/search?lang=de&q=" + encode("ScanPilot 0x8004"));
        assertThat(inGerman.get("total").asLong()).isEqualTo(1);
        JsonNode hit = inGerman.get("hits").get(0);
        assertThat(hit.get("id").asText()).isEqualTo(german.id().value());
        assertThat(hit.get("language").asText()).isEqualTo("de");
        assertThat(JSON.convertValue(hit.get("translations"), Map.class))
                .as("the internal French translation is not named")
                .isEqualTo(Map.of("en", english.id().value()));

        JsonNode inEnglish = getOk("/api/search?lang=en&q=" + encode("ScanPilot 0x8004"));
        assertThat(inEnglish.get("total").asLong()).isEqualTo(1);
        assertThat(inEnglish.get("hits").get(0).get("id").asText())
                .isEqualTo(english.id().value());
        assertThat(JSON.convertValue(inEnglish.get("hits").get(0).get("translations"), Map.class))
                .isEqualTo(Map.of("de", german.id().value()));
    }

    @Test
    void article_namesItsPublicTranslations_only() throws Exception {
        JsonNode article = getOk("/api/articles/" + english.id().value());
        assertThat(JSON.convertValue(article.get("translations"), Map.class))
                .isEqualTo(Map.of("de", german.id().value()));
        assertThat(kb.article(english.id()).orElseThrow().translations()).containsKey(Locale.FRENCH);
    }

    @Test
    void widget_offersTheTranslation_andItsLanguageSwitchOpensIt(@TempDir Path directory) throws IOException {
        browse(directory, driver -> {
            var wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            // The demo page is German and shows the DE/EN switch.
            driver.get(site.address().toString());
            WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-input")));
            input.sendKeys("ScanPilot 0x8004", Keys.ENTER);
            WebElement offer = wait.until(
                    ExpectedConditions.elementToBeClickable(By.cssSelector(".kbw-hit .kbw-translation[data-lang=en]")));
            assertThat(driver.findElements(By.cssSelector(".kbw-hit-title")))
                    .extracting(WebElement::getText)
                    .containsExactly(german.title());
            assertThat(driver.findElements(By.cssSelector(".kbw-translation[data-lang=fr]")))
                    .isEmpty();
            assertThat(offer.getText()).isEqualTo("Englisch");

            offer.click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-article-title"), english.title()));
            assertThat(driver.findElement(By.cssSelector(".kbw-article-title")).getAttribute("lang"))
                    .isEqualTo("en");

            // The widget's language switch opens the open article's translation in that language.
            driver.findElement(By.cssSelector(".kbw-lang[data-lang=de]")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-article-title"), german.title()));
            driver.findElement(By.cssSelector(".kbw-lang[data-lang=en]")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-article-title"), english.title()));
            assertThat(driver.findElement(By.cssSelector(".kbw-label")).getText())
                    .isEqualTo("How can we help?");
        });
    }

    @Test
    void widget_onAGermanPage_switchedToEnglish_searchesAgainInEnglish_andMarksOtherLanguages(@TempDir Path directory)
            throws IOException {
        browse(directory, driver -> {
            var wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get(site.address().toString());
            WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".kbw-input")));
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-label"), "Wie können wir helfen?"));
            input.sendKeys("ScanPilot 0x8004", Keys.ENTER);
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-hit-title"), german.title()));

            // The switch re-runs the search in English: the English version, not the German one, answers.
            driver.findElement(By.cssSelector(".kbw-lang[data-lang=en]")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-hit-title"), english.title()));
            assertThat(driver.findElement(By.cssSelector(".kbw-label")).getText())
                    .isEqualTo("How can we help?");
            assertThat(driver.findElements(By.cssSelector(".kbw-hit-lang"))).isEmpty();

            // An article found only in another language than the reader's says which.
            driver.findElement(By.cssSelector(".kbw-lang[data-lang=de]")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-label"), "Wie können wir helfen?"));
            input.clear();
            input.sendKeys("TwainBridge", Keys.ENTER);
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-hit-title"), englishOnly.title()));
            assertThat(driver.findElement(By.cssSelector(".kbw-hit-lang")).getText())
                    .isEqualTo("auf Englisch");
        });
    }

    @Test
    void widget_takesThePagesLanguage_fromABundle_andAHostAddsALanguageWithAFile(@TempDir Path directory)
            throws IOException {
        HelpSiteServer italian = italianSite(directory);
        Path french = directory.resolve("french.html");
        Files.writeString(french, page("fr", site));
        Path italianPage = directory.resolve("italian.html");
        Files.writeString(italianPage, page("it", italian));
        browse(directory, driver -> {
            var wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get(french.toUri().toString());
            wait.until(ExpectedConditions.textToBe(
                    By.cssSelector("#help .kbw-label"), "Comment pouvons-nous vous aider ?"));

            driver.get(italianPage.toUri().toString());
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#help .kbw-label"), "Come possiamo aiutarti?"));
            // Untranslated texts are the English ones; Italian is not a search language, so the search detects it.
            WebElement input = driver.findElement(By.cssSelector("#help .kbw-input"));
            input.sendKeys("TwainBridge", Keys.ENTER);
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#help .kbw-status"), "1 articolo trovato"));
            assertThat(driver.findElement(By.cssSelector("#help .kbw-more")).getDomProperty("textContent"))
                    .isEqualTo("More results");
            assertThat(driver.findElement(By.cssSelector("#help .kbw-hit-lang")).getText())
                    .isEqualTo("in inglese");
        });
    }

    @Test
    void widget_openingAMergedArticlesLink_showsTheSurvivor_underTheSurvivorsAddress(@TempDir Path directory)
            throws IOException {
        Article duplicate = capture(
                "ScanPilot crashes when it starts",
                "ScanPilot crashes on start with 0x8004.",
                "Update ScanPilot.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        kb.merge(ADMIN, duplicate.id(), english.id());
        browse(directory, driver -> {
            var wait = new WebDriverWait(driver, Duration.ofSeconds(15));
            driver.get(site.address() + "#/article/" + duplicate.id().value());
            wait.until(ExpectedConditions.textToBe(By.cssSelector(".kbw-article-title"), english.title()));
            wait.until(
                    ExpectedConditions.urlContains("#/article/" + english.id().value()));
        });
    }

    /** A page of another origin in {@code language} that embeds the widget of {@code server}. */
    private static String page(String language, HelpSiteServer server) {
        return """
                <!DOCTYPE html>
                <html lang="%s"><head><meta charset="utf-8"><title>Page</title></head>
                <body><div id="help"></div>
                <script src="%skb-widget.js" data-kb-target="#help"></script>
                </body></html>
                """.formatted(language, server.address());
    }

    /** Runs {@code steps} in headless Chromium (skipped, saying how to install it, when it is missing). */
    private static void browse(Path directory, java.util.function.Consumer<WebDriver> steps) throws IOException {
        try (Chromium browser = Chromium.start(directory)) {
            steps.accept(browser.driver);
        }
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    private JsonNode getOk(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(site.address() + path.substring(1)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
