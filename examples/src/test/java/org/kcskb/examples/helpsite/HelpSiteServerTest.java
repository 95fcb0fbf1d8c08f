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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.analytics.ContentGap;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Feedback;
import org.kcskb.examples.SampleKnowledgeBase;
import org.kcskb.store.ArticleStores;
import org.kcskb.web.HandOff;
import org.kcskb.web.KbWeb;

/** The help site's JSON API over real HTTP, on the sample knowledge base. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HandOff> handOffs = new CopyOnWriteArrayList<>();
    private KnowledgeBase kb;
    private HelpSiteServer site;
    private SampleKnowledgeBase.Summary sample;
    private ArticleId markup;

    @BeforeAll
    void start() {
        kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
        sample = SampleKnowledgeBase.loadIfEmpty(kb);
        // A public article whose text looks like HTML: it must leave the API as text, never as markup.
        Article article = kb.capture(
                Actor.contributor("lead-2"),
                Draft.of(ArticleContent.of(
                                        "Fehlermeldung <script>alert(1)</script> im Zeitplaner",
                                        "Der Zeitplaner zeigt <img src=x onerror=alert(2)> und \"Zitate\" & mehr.")
                                .withResolution("Zeitplaner neu starten.")
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED));
        markup = kb.publish(Actor.publisher("pub-1"), article.id(), article.revision(), Audience.PUBLIC)
                .id();
        assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
        // This test sends hundreds of requests from one address; the limit itself is tested on its own server.
        site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(10_000, 10_000)
                .feedbackRateLimit(10_000, 10_000)
                .handOffRateLimit(10_000, 10_000)
                .clickRateLimit(10_000, 10_000)
                .onHandOff(handOffs::add)
                .start();
    }

    @AfterAll
    void stop() {
        site.close();
        kb.close();
    }

    @Test
    void search_thatFindsNothingAsTyped_answersWithARelaxedQuery_andSaysWhich() throws Exception {
        JsonNode relaxed = getOk("/api/search?q=" + encode("how do i logn"));
        assertThat(relaxed.get("total").asLong()).isPositive();
        assertThat(relaxed.get("relaxedTo").asText()).isEqualTo("how do i login");
        assertThat(relaxed.get("message").isNull())
                .as("no 'nothing found' message")
                .isTrue();

        JsonNode typed = getOk("/api/search?q=" + encode("drucker offline"));
        assertThat(typed.get("relaxedTo").isNull()).isTrue();
    }

    @Test
    void search_returnsHitsWithIdTitleAndHighlightedSnippet_andFacets() throws Exception {
        JsonNode body = getOk("/api/search?q=" + encode("drucker offline"));

        assertThat(body.get("total").asLong()).isPositive();
        JsonNode first = body.get("hits").get(0);
        assertThat(first.get("title").asText())
                .isEqualTo("Drucker wird als offline angezeigt, obwohl er eingeschaltet ist");
        assertThat(first.get("id").asText())
                .isEqualTo(sample.articles().get("print-offline").value());
        assertThat(first.get("snippet").asText()).contains("<mark>");
        assertThat(first.get("position").asInt()).isEqualTo(1);
        assertThat(body.get("facets").get("product").get(0).get("value").asText())
                .isEqualTo("Acme Print");
        assertThat(body.get("searchId").asText()).isNotBlank();
    }

    @Test
    void search_findsEnglishArticles_andPagesWithinBounds() throws Exception {
        JsonNode first = getOk("/api/search?q=vpn&lang=en&size=2&page=1");
        JsonNode second = getOk("/api/search?q=vpn&lang=en&size=2&page=2");

        assertThat(first.get("hits")).hasSize(2);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(second.get("hits").get(0).get("position").asInt()).isEqualTo(3);
        assertThat(second.get("hits").get(0).get("id").asText())
                .isNotIn(
                        first.get("hits").get(0).get("id").asText(),
                        first.get("hits").get(1).get("id").asText());
    }

    @Test
    void search_filtersByProduct() throws Exception {
        JsonNode all = getOk("/api/search?q=upgrade");
        JsonNode desk = getOk("/api/search?q=upgrade&product=" + encode("Acme Desk"));

        assertThat(all.get("facets").get("product").size()).isGreaterThan(1);
        assertThat(desk.get("hits")).isNotEmpty();
        assertThat(desk.get("total").asLong()).isLessThan(all.get("total").asLong());
        for (JsonNode hit : desk.get("hits")) {
            Article article = kb.article(ArticleId.of(hit.get("id").asText())).orElseThrow();
            assertThat(article.environment().attributes()).containsEntry("product", "Acme Desk");
        }
    }

    @Test
    void search_neverReturnsAnArticleThatIsNotValidatedAndPublic() throws Exception {
        for (String term : SampleKnowledgeBase.INTERNAL_ONLY_TERMS) {
            JsonNode body = getOk("/api/search?q=" + encode(term));
            assertThat(body.get("hits")).as(term).isEmpty();
            assertThat(body.get("total").asLong()).as(term).isZero();
        }
        // Every title of a sample article the public may not see: searching it finds no article that is not public.
        for (ArticleId id : sample.articles().values()) {
            Article article = kb.article(id).orElseThrow();
            JsonNode body = getOk("/api/search?size=20&q=" + encode(article.title()));
            for (JsonNode hit : body.get("hits")) {
                Article found = kb.article(ArticleId.of(hit.get("id").asText())).orElseThrow();
                assertThat(found.state()).as(found.title()).isEqualTo(ArticleState.VALIDATED);
                assertThat(found.audience()).as(found.title()).isEqualTo(Audience.PUBLIC);
            }
        }
    }

    @Test
    void article_isServedOnlyWhenValidatedAndPublic() throws Exception {
        int served = 0;
        for (ArticleId id : sample.articles().values()) {
            Article article = kb.article(id).orElseThrow();
            HttpResponse<String> response = get("/api/articles/" + id.value());
            boolean isPublic = article.state() == ArticleState.VALIDATED && article.audience() == Audience.PUBLIC;
            assertThat(response.statusCode())
                    .as(id + " " + article.state() + " " + article.audience())
                    .isEqualTo(isPublic ? 200 : 404);
            if (isPublic) {
                served++;
                assertThat(JSON.readTree(response.body()).get("title").asText()).isEqualTo(article.title());
            } else {
                assertThat(response.body()).doesNotContain(article.title());
            }
        }
        assertThat(served).isBetween(30, sample.articles().size() - 10);
    }

    @Test
    void article_carriesItsPartsAsSanitisedHtml_renderedOnTheServer() throws Exception {
        JsonNode markdown = getOk(
                "/api/articles/" + sample.articles().get("print-windows-update").value());
        JsonNode html = markdown.get("html");

        assertThat(html.get("resolution").asText())
                .contains("<ol>", "<li>", "<table>", "rel=\"noopener nofollow\"")
                .doesNotContain("**", "](");
        assertThat(html.get("environment").asText()).contains("<dl class=\"kb-environment\">", "<dt>Produkt</dt>");
        // The raw text stays for clients that render themselves.
        assertThat(markdown.get("resolution").asText()).contains("](");

        JsonNode hostile = getOk("/api/articles/" + markup.value()).get("html");
        for (String part : List.of("issue", "resolution", "cause")) {
            assertThat(hostile.get(part).asText()).doesNotContain("<script", "<img", "javascript:");
        }
    }

    @Test
    void responses_neverCarryUnescapedHtml() throws Exception {
        HttpResponse<String> search = get("/api/search?q=" + encode("Zeitplaner Fehlermeldung"));
        HttpResponse<String> article = get("/api/articles/" + markup.value());

        for (HttpResponse<String> response : List.of(search, article)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            // '<' and '>' leave the server only as JSON escapes, so no browser can read the body as markup.
            assertThat(response.body()).doesNotContain("<", ">");
        }
        JsonNode hit = JSON.readTree(search.body()).get("hits").get(0);
        assertThat(hit.get("id").asText()).isEqualTo(markup.value());
        assertThat(hit.get("title").asText()).isEqualTo("Fehlermeldung <script>alert(1)</script> im Zeitplaner");
        String snippet = hit.get("snippet").asText();
        assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
        assertThat(snippet).contains("&lt;img");
    }

    @Test
    void unusualQueries_getSensibleAnswersOrClearErrors() throws Exception {
        JsonNode empty = getOk("/api/search?q=");
        assertThat(empty.get("hits")).isEmpty();
        assertThat(empty.get("message").asText()).contains("Type a few words");

        assertThat(getOk("/api/search").get("hits")).isEmpty();
        assertThat(getOk("/api/search?q=" + encode("der die das")).get("hits")).isNotNull();
        assertThat(getOk("/api/search?q=" + encode("the and of")).get("hits")).isNotNull();

        HttpResponse<String> huge = get("/api/search?q=" + "a".repeat(100 * 1024));
        assertThat(huge.statusCode()).isIn(414, 431);
        assertThat(JSON.readTree(huge.body()).get("message").asText()).contains("Shorten the query");

        assertError(get("/api/search?q=" + "a".repeat(501)), 400, "the limit is 500");
        assertError(get("/api/search?q=x&page=0"), 400, "'page' must be a whole number from 1 to 50");
        assertError(get("/api/search?q=x&size=500"), 400, "'size' must be a whole number from 1 to 20");
        assertError(get("/api/search?q=x&lang=it"), 400, "'lang' must be one of de, en, fr or empty");
        assertThat(getOk("/api/search?q=x&lang=fr").get("hits")).isNotNull();
        assertError(get("/api/articles/" + encode("<script>")), 400, "Invalid article id");
        assertError(get("/api/nothing-here"), 404, "the API has GET /api/search");
        assertError(send("DELETE", "/api/search", ""), 405, "takes GET");
    }

    @Test
    void openingAnArticleFromASearchOrASuggestion_isRecordedForTheAnalytics() throws Exception {
        JsonNode search = getOk("/api/search?q=" + encode("kalender freigabe"));
        String id = search.get("hits").get(0).get("id").asText();

        getOk("/api/articles/" + id + "?searchId=" + search.get("searchId").asText() + "&position=1");
        getOk("/api/articles/" + id + "?suggested=" + encode("kalenderfreig") + "&position=2");

        var answered = kb.analytics().answeredQueries(ReportQuery.all().withLimit(1_000));
        assertThat(answered).anySatisfy(a -> assertThat(a.query()).isEqualTo("kalender freigabe"));
        assertThat(kb.analytics().topQueries(ReportQuery.all().withLimit(1_000)))
                .anySatisfy(q -> assertThat(q.query()).isEqualTo("kalenderfreig"));
        // An id of the wrong shape is refused; a well-formed one the knowledge base does not know (expired, say)
        // opens the article, and the click is not recorded.
        assertError(get("/api/articles/" + id + "?searchId=" + encode("not a search id")), 400, "Invalid search id");
        assertThat(get("/api/articles/" + id + "?searchId=" + "0".repeat(32) + "&position=1")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void feedback_isStoredThroughTheKnowledgeBase() throws Exception {
        ArticleId id = sample.articles().get("mail-postfach-voll");
        int before = kb.feedback(id).size();

        HttpResponse<String> response = send(
                "POST", "/api/articles/" + id.value() + "/feedback", "{\"helpful\": false, \"comment\": \"zu kurz\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        // A connection that carried a body is not reused (see HelpSiteServer.SiteHandler#handle).
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
        List<Feedback> stored = kb.feedback(id);
        assertThat(stored).hasSize(before + 1);
        Feedback latest = stored.stream()
                .filter(f -> f.id().equals(read(response).get("id").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(latest.helpful()).isFalse();
        assertThat(latest.comment()).isEqualTo("zu kurz");
        assertThat(latest.givenBy()).isEqualTo("public");
    }

    @Test
    void feedback_isRefusedForArticlesThePublicMayNotSee_andForBadBodies() throws Exception {
        ArticleId internal = sample.articles().get("billing-kulanz");
        ArticleId publicArticle = sample.articles().get("mail-kennwort-link");
        int before = kb.feedback(internal).size();

        assertError(
                send("POST", "/api/articles/" + internal.value() + "/feedback", "{\"helpful\": true}"),
                404,
                "No public article");
        assertThat(kb.feedback(internal)).hasSize(before);

        String path = "/api/articles/" + publicArticle.value() + "/feedback";
        int publicBefore = kb.feedback(publicArticle).size();
        assertError(send("POST", path, "{\"helpful\": \"yes\"}"), 400, "{\"helpful\": true}");
        assertError(send("POST", path, "not json"), 400, "not valid JSON");
        assertError(send("POST", path, "{\"helpful\": true, \"comment\": 7}"), 400, "\"comment\" must be a string");
        assertError(
                send("POST", path, "{\"helpful\": true, \"comment\": \"" + "x".repeat(2_001) + "\"}"),
                400,
                "the limit is 2000");
        assertError(
                send("POST", path, "{\"helpful\": true, \"comment\": \"" + "x".repeat(20_000) + "\"}"),
                413,
                "at most 16384 bytes");
        assertError(send("GET", path, ""), 405, "takes POST");
        assertThat(kb.feedback(publicArticle)).hasSize(publicBefore);
    }

    @Test
    void handOff_recordsTheFailedSearchAsAContentGap() throws Exception {
        String query = "Drucker raucht aus dem Lüftungsgitter";

        HttpResponse<String> response = send(
                "POST", "/api/handoff", "{\"q\": \"" + query + "\", \"lang\": \"de\", \"message\": \"Bitte anrufen\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        String reference = read(response).get("reference").asText();
        assertThat(reference).startsWith("HO-");
        assertThat(handOffs).anySatisfy(h -> assertThat(h)
                .extracting(HandOff::reference, HandOff::query, HandOff::language, HandOff::message)
                .containsExactly(reference, query, Locale.GERMAN, "Bitte anrufen"));
        List<ContentGap> gaps = kb.analytics().contentGaps(ReportQuery.all().withLimit(1_000));
        assertThat(gaps).anySatisfy(gap -> assertThat(gap.query()).contains("lüftungsgitter"));
    }

    @Test
    void searchesWhileTyping_areNotRecorded_butTheSettledSearchIs() throws Exception {
        for (String typed : List.of("kulanzg", "kulanzgu", "kulanzgut")) {
            assertThat(get("/api/search?typing=1&q=" + typed).statusCode()).isEqualTo(200);
        }
        assertThat(get("/api/search?q=kulanzgutschein").statusCode()).isEqualTo(200);

        List<ContentGap> gaps = kb.analytics().contentGaps(ReportQuery.all().withLimit(1_000));
        assertThat(gaps).extracting(ContentGap::query).contains("kulanzgutschein");
        assertThat(gaps).extracting(ContentGap::query).doesNotContain("kulanzg", "kulanzgu", "kulanzgut");
    }

    @Test
    void crossOriginPagesMayCallTheApi() throws Exception {
        HttpResponse<String> preflight = send("OPTIONS", "/api/articles/KB-1/feedback", "");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Content-Type");
        assertThat(get("/api/search?q=vpn").headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
    }

    @Test
    void widgetFilesAndDemoPageAreServed() throws Exception {
        HttpResponse<String> script = get("/kb-widget.js");
        HttpResponse<String> css = get("/kb-widget.css");
        HttpResponse<String> page = get("/");

        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("KbWidget");
        assertThat(css.body()).contains(".kbw");
        // The demo page pins the widget's version; the pinned files are cached for good, the unpinned revalidated.
        String pinned = "webjars/kb-web/" + KbWeb.version() + "/kb-widget.js";
        assertThat(page.body()).contains("<script src=\"" + pinned + "\" data-kb-target=\"#kb-help\"");
        HttpResponse<String> pinnedScript = get("/" + pinned);
        assertThat(pinnedScript.body()).isEqualTo(script.body());
        assertThat(pinnedScript.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    }

    @Test
    void requestsOverTheRateLimit_getTooManyRequestsWithRetryAfter() throws Exception {
        try (HelpSiteServer limited =
                HelpSiteServer.builder(kb).port(0).rateLimit(0.5, 3).start()) {
            var statuses = new ArrayList<Integer>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 4; i++) {
                last = http.send(
                        HttpRequest.newBuilder(limited.address().resolve("/api/search?q=vpn"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.add(last.statusCode());
            }
            assertThat(statuses).containsExactly(200, 200, 200, 429);
            assertThat(last.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(JSON.readTree(last.body()).get("message").asText()).contains("Too many requests");
        }
    }

    @Test
    void feedbackGivenThroughTheSite_survivesARestart(@TempDir Path directory) throws Exception {
        ArticleId id;
        String feedbackId;
        try (KnowledgeBase first = KnowledgeBase.open(directory)) {
            Article article = first.capture(
                    Actor.contributor("lead-2"),
                    Draft.of(ArticleContent.of("Scanner findet kein Netzwerk", "Der Scanner meldet kein Netzwerk.")
                                    .withResolution("WLAN am Scanner neu einrichten.")
                                    .withLanguage(Locale.GERMAN))
                            .withState(ArticleState.VALIDATED));
            id = first.publish(Actor.publisher("pub-1"), article.id(), article.revision(), Audience.PUBLIC)
                    .id();
            try (HelpSiteServer server = HelpSiteServer.builder(first).port(0).start()) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(server.address().resolve("/api/articles/" + id.value() + "/feedback"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"helpful\": true}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(201);
                feedbackId = read(response).get("id").asText();
            }
        }
        try (KnowledgeBase reopened = KnowledgeBase.open(directory)) {
            assertThat(reopened.feedback(id)).extracting(Feedback::id).containsExactly(feedbackId);
            assertThat(reopened.article(id).orElseThrow().signals().helpfulCount())
                    .isEqualTo(1);
        }
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    private JsonNode getOk(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return read(response);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, "");
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(site.address() + path.substring(1)))
                // Sent whole, as a visitor's script would: an over-long body is read away before the 413, so the
                // client reads the answer without asking first (Expect: 100-continue).
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = read(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("message").asText()).contains(messagePart);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
