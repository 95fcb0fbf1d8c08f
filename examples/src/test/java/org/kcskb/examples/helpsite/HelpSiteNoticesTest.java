package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Audience;
import org.kcskb.examples.SampleKnowledgeBase;
import org.kcskb.notice.Notice;
import org.kcskb.notice.NoticeDraft;
import org.kcskb.notice.NoticeStats;
import org.kcskb.store.ArticleStores;

/**
 * Known-issue notices on the help site's JSON API, over HTTP against the sample knowledge base with the Lucene
 * engine: banners in search and suggestion answers, the start page's notices, impression and "answered" counts, and
 * that an internal notice never reaches the public's JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteNoticesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor COACH = Actor.publisher("coach-1");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TestClock clock = new TestClock(Instant.now());
    private KnowledgeBase kb;
    private HelpSiteServer site;
    private Notice printer;
    private Notice internal;

    @BeforeAll
    void start() {
        kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .clock(clock)
                .build();
        SampleKnowledgeBase.loadIfEmpty(kb);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
        printer = kb.publishNotice(
                COACH,
                NoticeDraft.builder()
                        .text(
                                Locale.GERMAN,
                                "Drucker druckt nach Update KB5034 nicht",
                                "Wir arbeiten daran. <b>Bis dahin</b>: Update KB5034 deinstallieren.")
                        .text(Locale.ENGLISH, "Printer does not print after update KB5034", "We are working on it.")
                        .products("Windows 11")
                        .symptoms("drucker druckt nicht", "printer does not print")
                        .audience(Audience.PUBLIC)
                        .showToAll(true)
                        .lasting(Duration.ofHours(2))
                        .build());
        internal = kb.publishNotice(
                COACH,
                NoticeDraft.builder()
                        .text(Locale.GERMAN, "Intern: Druckserver PRN-07 neu gestartet", "Geheime Details")
                        .products("Druckserver")
                        .symptoms("drucker druckt nicht", "vpn")
                        .audience(Audience.INTERNAL)
                        .showToAll(true)
                        .lasting(Duration.ofHours(2))
                        .build());
        site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(10_000, 10_000)
                .feedbackRateLimit(10_000, 10_000)
                .clickRateLimit(10_000, 10_000)
                .start();
    }

    @AfterAll
    void stop() {
        if (site != null) {
            site.close();
        }
        if (kb != null) {
            kb.close();
        }
    }

    @Test
    void search_carriesTheMatchingPublicNotice_asText_inTheRequestedLanguage_andNoneForVpn() throws Exception {
        JsonNode german = ok(get("/api/search?q=drucker+druckt+nicht&lang=de"));
        assertThat(german.get("notices")).hasSize(1);
        JsonNode notice = german.get("notices").get(0);
        assertThat(notice.get("id").asText()).isEqualTo(printer.id().value());
        assertThat(notice.get("title").asText()).isEqualTo("Drucker druckt nach Update KB5034 nicht");
        assertThat(notice.get("text").asText()).contains("<b>Bis dahin</b>");
        assertThat(notice.get("language").asText()).isEqualTo("de");
        assertThat(notice.get("articleId").isNull()).isTrue();

        JsonNode english = ok(get("/api/search?q=printer+does+not+print&lang=en"));
        assertThat(english.get("notices").get(0).get("title").asText())
                .isEqualTo("Printer does not print after update KB5034");
        assertThat(ok(get("/api/search?q=vpn&lang=de")).get("notices")).isEmpty();
        assertThat(ok(get("/api/search?q=vpn+hotel&lang=en")).get("notices")).isEmpty();
    }

    @Test
    void internalNotice_neverReachesThePublicJson() throws Exception {
        for (String path : new String[] {
            "/api/search?q=drucker+druckt+nicht&lang=de",
            "/api/search?q=vpn",
            "/api/suggest?q=drucker+druckt+nicht",
            "/api/suggest?q=vpn",
            "/api/notices?lang=de",
            "/api/notices"
        }) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body())
                    .as(path)
                    .doesNotContain(internal.id().value())
                    .doesNotContain("PRN-07")
                    .doesNotContain("Geheime");
        }
        HttpResponse<String> counted = post("/api/notices/" + internal.id().value() + "/impression");
        assertThat(counted.statusCode()).isEqualTo(404);
        assertThat(post("/api/notices/" + internal.id().value() + "/answered").statusCode())
                .isEqualTo(404);
        assertThat(kb.noticeStats(Viewer.agent(COACH)))
                .filteredOn(s -> s.notice().equals(internal.id()))
                .allSatisfy(s -> assertThat(s.impressions() + s.answered()).isZero());
    }

    @Test
    void startPage_suggestions_andCounts_reachTheDeflectionReport() throws Exception {
        JsonNode start = ok(get("/api/notices?lang=en"));
        assertThat(start.get("notices")).hasSize(1);
        assertThat(start.get("notices").get(0).get("title").asText())
                .isEqualTo("Printer does not print after update KB5034");
        JsonNode suggest = ok(get("/api/suggest?q=Drucker+druckt+nicht&lang=de"));
        assertThat(suggest.get("notices"))
                .extracting(n -> n.get("id").asText())
                .containsExactly(printer.id().value());

        long before = stats().impressions();
        long answeredBefore = stats().answered();
        assertThat(post("/api/notices/" + printer.id().value() + "/impression").statusCode())
                .isEqualTo(201);
        assertThat(post("/api/notices/" + printer.id().value() + "/impression").statusCode())
                .isEqualTo(201);
        JsonNode answered = ok(post("/api/notices/" + printer.id().value() + "/answered"));
        assertThat(answered.get("counted").asText()).isEqualTo("answered");
        assertThat(stats().impressions()).isEqualTo(before + 2);
        assertThat(stats().answered()).isEqualTo(answeredBefore + 1);
        assertThat(post("/api/notices/N-nope/impression").statusCode()).isEqualTo(404);
        assertThat(post("/api/notices/bad%20id/impression").statusCode()).isEqualTo(400);
        assertThat(get("/api/notices/" + printer.id().value() + "/impression").statusCode())
                .isEqualTo(405);
    }

    @Test
    void expiredNotice_isGoneFromEveryAnswer() throws Exception {
        clock.advance(Duration.ofHours(2));
        try {
            assertThat(ok(get("/api/search?q=drucker+druckt+nicht&lang=de")).get("notices"))
                    .isEmpty();
            assertThat(ok(get("/api/notices")).get("notices")).isEmpty();
        } finally {
            clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void demo_publishesItsNoticeOnce_andTheDemoSearchShowsIt() {
        try (KnowledgeBase demo =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            var printed = new java.io.ByteArrayOutputStream();
            var out = new java.io.PrintStream(printed, true, StandardCharsets.UTF_8);
            HelpSiteDemo.publishDemoNotice(demo, out);
            HelpSiteDemo.publishDemoNotice(demo, out);
            assertThat(demo.activeNotices(Viewer.anonymous())).hasSize(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("drucker druckt nicht");
            assertThat(demo.notices(Viewer.anonymous(), "Drucker druckt nicht", Locale.GERMAN))
                    .hasSize(1);
            assertThat(demo.notices(Viewer.anonymous(), "vpn", Locale.GERMAN)).isEmpty();
        }
    }

    private NoticeStats stats() {
        return kb.noticeStats(Viewer.anonymous()).stream()
                .filter(s -> s.notice().equals(printer.id()))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode ok(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, "");
    }

    private HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send("POST", path, "{}");
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(site.address() + path.substring(1)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A clock the test moves; read by the knowledge base's threads too. */
    private static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
