package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.MovableClock;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.analytics.PositionCount;
import org.kcskb.analytics.ReportQuery;
import org.kcskb.analytics.SearchId;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.Environment;
import org.kcskb.examples.SampleKnowledgeBase;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.lifecycle.VisibilityPolicy;
import org.kcskb.store.ArticleStores;

/**
 * The help-site probes of the hardening campaign, each against a real server: slow uploads do not stall searches,
 * public reads write nothing synchronously, clients behind a trusted proxy get their own limits, and hostile
 * bodies, ids and headers are refused in the site's own words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpSiteHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The number of slow uploads: more than the server's 32 threads. */
    private static final int SLOW_UPLOADS = 40;

    private CountingStore store;
    private KnowledgeBase kb;
    private SampleKnowledgeBase.Summary sample;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void load() {
        store = new CountingStore(ArticleStores.inMemory());
        kb = KnowledgeBase.builder().store(store).build();
        sample = SampleKnowledgeBase.loadIfEmpty(kb);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    void close() {
        kb.close();
    }

    // ---- Slow clients -------------------------------------------------------------------------------------------

    @Test
    void slowUploads_fromOneAddress_doNotStallSearchesFromAnother() throws Exception {
        // Bodies are allowed to take long here, so that all uploads are still in flight while the searches run:
        // only reading bodies without holding a thread keeps the searches answering.
        try (HelpSiteServer site = HelpSiteServer.builder(kb)
                        .port(0)
                        .rateLimit(10_000, 10_000)
                        .handOffRateLimit(10_000, 10_000)
                        .connectionsPerClient(SLOW_UPLOADS + 10)
                        .bodyTimeout(Duration.ofSeconds(60))
                        .minRequestDataRate(0)
                        .start();
                SlowUploads uploads = SlowUploads.start(site, SLOW_UPLOADS)) {
            uploads.awaitSent(Duration.ofSeconds(10));
            Thread.sleep(500);
            HttpClient other = HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName("127.0.0.2"))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            long slowestNanos = 0;
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                HttpResponse<String> search = other.send(
                        HttpRequest.newBuilder(site.address().resolve("/api/search?q=drucker+offline"))
                                // Generous: on a stalled server the search waits for a thread that never frees up.
                                .timeout(Duration.ofSeconds(15))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
                slowestNanos = Math.max(slowestNanos, System.nanoTime() - started);
            }
            // A figure for the campaign report, not an assertion: timing belongs in benchmarks.
            System.out.printf(
                    "Slow uploads: %d in flight, 10 searches from another address, slowest %d ms%n",
                    SLOW_UPLOADS, TimeUnit.NANOSECONDS.toMillis(slowestNanos));
            assertThat(uploads.stillOpen())
                    .as("the uploads were still in flight")
                    .isEqualTo(SLOW_UPLOADS);
        }
    }

    @Test
    void slowUploads_areCutOffAndRefused_inOneLogLinePerClient_withoutStackTraces() throws Exception {
        var log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        List<String> answers;
        try (HelpSiteServer site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(10_000, 10_000)
                .handOffRateLimit(10_000, 10_000)
                .connectionsPerClient(30)
                .bodyTimeout(Duration.ofSeconds(3))
                .start()) {
            System.setErr(new PrintStream(new TeeStream(err, log), true, StandardCharsets.UTF_8));
            try (SlowUploads uploads = SlowUploads.start(site, SLOW_UPLOADS)) {
                answers = uploads.answers(Duration.ofSeconds(30));
            }
        } finally {
            System.setErr(err);
        }
        // Over the per-client limit: closed at once. The others: 408 when the body did not come in time.
        assertThat(answers.stream().filter(a -> a.equals("closed")).count()).isGreaterThanOrEqualTo(SLOW_UPLOADS - 30);
        assertThat(answers).allSatisfy(a -> assertThat(a).isIn("closed", "HTTP/1.1 408 Request Timeout"));
        String written = log.toString(StandardCharsets.UTF_8);
        assertThat(written).doesNotContain("\tat ", "Exception:\n");
        assertThat(written.lines().filter(l -> l.contains("Refused connections from")))
                .hasSize(1);
        assertThat(written.lines().filter(l -> l.contains("Dropped a request body from")))
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void closedConnections_areNoLongerCounted_soAClientIsNeverLockedOut() throws Exception {
        try (HelpSiteServer site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(10_000, 10_000)
                .connectionsPerClient(3)
                .start()) {
            for (int i = 0; i < 20; i++) {
                try (var socket = new Socket(
                        InetAddress.getByName("127.0.0.1"), site.address().getPort())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream()
                            .write("GET /api/search?q=vpn HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                    var status = new StringBuilder();
                    InputStream in = socket.getInputStream();
                    for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
                        status.append((char) c);
                    }
                    assertThat(status.toString()).as("connection %d", i).isEqualTo("HTTP/1.1 200 OK");
                }
                // The server learns of a close a moment after the client made it; once it has, the connection no
                // longer counts. (Opening the next one at once may still find three counted, and be refused.)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (site.connectionsFrom("127.0.0.1") > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertThat(site.connectionsFrom("127.0.0.1"))
                        .as("connections counted after connection %d closed", i)
                        .isZero();
            }
        }
    }

    // ---- Public reads are not writes ------------------------------------------------------------------------------

    @Test
    void publicReads_commitNothingAndSuggestionsReadNothing_onTheRequestThread() throws Exception {
        try (HelpSiteServer site =
                HelpSiteServer.builder(kb).port(0).rateLimit(10_000, 10_000).start()) {
            ArticleId id = sample.articles().get("print-offline");
            long viewsBefore = kb.article(id).orElseThrow().signals().viewCount();
            store.reset();

            JsonNode suggest = read(get(site, "/api/suggest?q=druck"));
            assertThat(suggest.get("suggestions")).isNotEmpty();
            assertThat(requestThreads(store.readThreads))
                    .as("store reads for /api/suggest")
                    .isEmpty();

            JsonNode search = read(get(site, "/api/search?q=" + encode("drucker offline")));
            String searchId = search.get("searchId").asText();
            assertThat(get(site, "/api/articles/" + id.value() + "?searchId=" + searchId + "&position=1")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(get(site, "/api/articles/" + id.value()).statusCode()).isEqualTo(200);

            assertThat(requestThreads(store.commitThreads))
                    .as("store commits on the help site's request threads")
                    .isEmpty();
            // The views still count: the knowledge base writes them in batches on its own thread.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (kb.article(id).orElseThrow().signals().viewCount() < viewsBefore + 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(kb.article(id).orElseThrow().signals().viewCount()).isEqualTo(viewsBefore + 2);
        }
    }

    /** The Jetty request threads are named help-site-N. */
    private static List<String> requestThreads(Iterable<String> threads) {
        var onRequestThreads = new ArrayList<String>();
        for (String name : threads) {
            if (name.startsWith("help-site-")) {
                onRequestThreads.add(name);
            }
        }
        return onRequestThreads;
    }

    // ---- Rate limits behind a proxy -------------------------------------------------------------------------------

    @Test
    void clientsBehindOneTrustedProxy_getSeparateLimits_andAnIpv6Slash64SharesOne() throws Exception {
        try (HelpSiteServer site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(0.001, 2)
                .trustedProxies("127.0.0.0/8", "::1")
                .start()) {
            assertThat(statuses(site, "203.0.113.1", 3)).containsExactly(200, 200, 429);
            assertThat(statuses(site, "203.0.113.2", 2)).containsExactly(200, 200);
            // A visitor's own forged entry on the left changes nothing: the proxy appended the real address.
            assertThat(statuses(site, "198.51.100.66, 203.0.113.1", 1)).containsExactly(429);

            assertThat(statuses(site, "2001:db8:1:2::1", 2)).containsExactly(200, 200);
            assertThat(statuses(site, "2001:db8:1:2::ffff", 1)).containsExactly(429);
            assertThat(statuses(site, "2001:db8:1:3::1", 1)).containsExactly(200);
        }
    }

    @Test
    void visitorsBehindOneTrustedProxy_countAsDistinctVisitors_forTheLearnedSuggestions() throws Exception {
        try (KnowledgeBase fresh =
                KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
            capture(fresh, "Scanner findet kein Netzwerk", "Acme Scan", Audience.PUBLIC);
            assertThat(fresh.awaitSearchable(Duration.ofSeconds(60))).isTrue();
            try (HelpSiteServer site = HelpSiteServer.builder(fresh)
                    .port(0)
                    .rateLimit(10_000, 10_000)
                    .trustedProxies("127.0.0.0/8")
                    .start()) {
                for (String visitor : List.of("203.0.113.7", "203.0.113.7", "198.51.100.8")) {
                    JsonNode search = read(send(site, "/api/search?q=scanner+netzwerk", visitor));
                    String id = search.get("hits").get(0).get("id").asText();
                    HttpResponse<String> click = send(
                            site,
                            "/api/articles/" + id + "?position=1&searchId="
                                    + search.get("searchId").asText(),
                            visitor);
                    assertThat(click.statusCode()).as(click.body()).isEqualTo(200);
                }
            }
            assertThat(fresh.analytics().answeredQueries(ReportQuery.all()))
                    .filteredOn(answered -> answered.query().equals("scanner netzwerk"))
                    .singleElement()
                    .satisfies(answered -> {
                        assertThat(answered.answers()).isEqualTo(3);
                        assertThat(answered.visitors()).isEqualTo(2);
                    });
        }
    }

    private HttpResponse<String> send(HelpSiteServer site, String path, String forwardedFor) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(site.address() + path.substring(1)))
                        .header("X-Forwarded-For", forwardedFor)
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void forwardedForFromAnUntrustedPeer_isIgnored() throws Exception {
        try (HelpSiteServer site =
                HelpSiteServer.builder(kb).port(0).rateLimit(0.001, 2).start()) {
            assertThat(statuses(site, "203.0.113.1", 1)).containsExactly(200);
            assertThat(statuses(site, "203.0.113.2", 1)).containsExactly(200);
            assertThat(statuses(site, "203.0.113.3", 1)).containsExactly(429);
        }
    }

    @Test
    void handOffsAndFeedback_haveTheirOwnStricterLimits() throws Exception {
        try (HelpSiteServer site =
                HelpSiteServer.builder(kb).port(0).rateLimit(10_000, 10_000).start()) {
            var statuses = new ArrayList<Integer>();
            for (int i = 0; i < 4; i++) {
                statuses.add(post(site, "/api/handoff", "application/json", "{\"q\": \"\"}")
                        .statusCode());
            }
            assertThat(statuses).containsExactly(201, 201, 201, 429);

            String path = "/api/articles/"
                    + sample.articles().get("mail-kennwort-link").value() + "/feedback";
            var votes = new ArrayList<Integer>();
            for (int i = 0; i < 11; i++) {
                votes.add(post(site, path, "application/json", "{\"helpful\": true}")
                        .statusCode());
            }
            assertThat(votes.subList(0, 10)).containsOnly(201);
            assertThat(votes.get(10)).isEqualTo(429);
        }
    }

    // ---- Hostile requests -----------------------------------------------------------------------------------------

    @Test
    void postsThatAreNotJson_areRefusedWith415_andStoreNothing() throws Exception {
        try (HelpSiteServer site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(10_000, 10_000)
                .feedbackRateLimit(10_000, 10_000)
                .start()) {
            ArticleId id = sample.articles().get("mail-postfach-voll");
            int before = kb.feedback(id).size();
            String path = "/api/articles/" + id.value() + "/feedback";

            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data")) {
                HttpResponse<String> response = post(site, path, type, "{\"helpful\": false}");
                assertThat(response.statusCode()).as(type).isEqualTo(415);
                assertThat(read(response).get("message").asText()).contains("Content-Type: application/json");
            }
            assertThat(kb.feedback(id)).hasSize(before);
            assertThat(post(site, path, "application/json; charset=UTF-8", "{\"helpful\": true}")
                            .statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void aForgedOrUnknownSearchId_opensTheArticle_butCountsNoClick_andTellsNothing() throws Exception {
        try (HelpSiteServer site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(10_000, 10_000)
                .clickRateLimit(10_000, 10_000)
                .start()) {
            ArticleId id = sample.articles().get("print-offline");
            List<PositionCount> before = kb.analytics().clickPositions(ReportQuery.all());
            String direct = get(site, "/api/articles/" + id.value()).body();
            // A search that did not return this article: its id is real, the click still cannot be true.
            String otherSearch = read(get(site, "/api/search?q=" + encode("vpn hotel")))
                    .get("searchId")
                    .asText();

            for (String searchId : List.of(SearchId.random().value(), otherSearch)) {
                HttpResponse<String> opened =
                        get(site, "/api/articles/" + id.value() + "?searchId=" + searchId + "&position=1");

                // The article, exactly as without a search id: nothing says whether the id ever existed.
                assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
                assertThat(opened.body()).isEqualTo(direct);
            }
            assertThat(kb.analytics().clickPositions(ReportQuery.all())).isEqualTo(before);

            // An id of the wrong shape is no link the site made: refused, saying what a search id looks like.
            HttpResponse<String> malformed =
                    get(site, "/api/articles/" + id.value() + "?searchId=" + encode("../../etc/passwd"));
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(read(malformed).get("message").asText()).contains("Invalid search id");
            assertThat(kb.analytics().clickPositions(ReportQuery.all())).isEqualTo(before);
        }
    }

    @Test
    void anArticleOpenedFromAnExpiredSearch_isServed_butTheClickIsNotRecorded() throws Exception {
        var clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));
        try (KnowledgeBase kb = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .clock(clock)
                .build()) {
            capture(kb, "Streifen im Druckbild beim Farblaser", "Farblaser", Audience.PUBLIC);
            assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
            try (HelpSiteServer site = HelpSiteServer.builder(kb)
                    .port(0)
                    .rateLimit(10_000, 10_000)
                    .clickRateLimit(10_000, 10_000)
                    .start()) {
                JsonNode search = read(get(site, "/api/search?q=" + encode("streifen druckbild")));
                String id = search.get("hits").get(0).get("id").asText();
                String link = "/api/articles/" + id + "?searchId="
                        + search.get("searchId").asText() + "&position=1";
                String direct = get(site, "/api/articles/" + id).body();

                // The result tab was left open over lunch and a meeting: the search id has expired.
                clock.advance(Duration.ofMinutes(61));
                HttpResponse<String> late = get(site, link);

                assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
                assertThat(late.body()).isEqualTo(direct);
                assertThat(kb.analytics().clickPositions(ReportQuery.all())).isEmpty();

                // The same link from a fresh search is recorded: only the expiry kept the late one out.
                JsonNode fresh = read(get(site, "/api/search?q=" + encode("streifen druckbild")));
                assertThat(get(
                                        site,
                                        "/api/articles/" + id + "?searchId="
                                                + fresh.get("searchId").asText() + "&position=1")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(kb.analytics().clickPositions(ReportQuery.all()))
                        .extracting(PositionCount::clicks)
                        .containsExactly(1L);
            }
        }
    }

    @Test
    void aDeeplyNestedBody_isAnsweredInTheSitesOwnWords() throws Exception {
        try (HelpSiteServer site = HelpSiteServer.builder(kb)
                .port(0)
                .rateLimit(10_000, 10_000)
                .handOffRateLimit(10_000, 10_000)
                .start()) {
            String deep = "{\"q\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}";

            HttpResponse<String> response = post(site, "/api/handoff", "application/json", deep);

            assertThat(response.statusCode()).isEqualTo(400);
            String message = read(response).get("message").asText();
            assertThat(message).contains("levels deep");
            assertThat(message).doesNotContainIgnoringCase("constraint").doesNotContainIgnoringCase("jackson");
            HttpResponse<String> broken = post(site, "/api/handoff", "application/json", "{\"q\": nope}");
            assertThat(read(broken).get("message").asText())
                    .contains("not valid JSON")
                    .doesNotContain("token", "Unrecognized");
        }
    }

    @Test
    void theDefaultHandOffLog_namesTheReference_butNotWhatTheVisitorWrote() throws Exception {
        var log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        String reference;
        try (HelpSiteServer site = HelpSiteServer.builder(kb).port(0).start()) {
            System.setErr(new PrintStream(new TeeStream(err, log), true, StandardCharsets.UTF_8));
            HttpResponse<String> response = post(
                    site,
                    "/api/handoff",
                    "application/json",
                    "{\"q\": \"gehaltsabrechnung drucker\", \"message\": \"Ruf mich an: 0171 5551234\\r\\n[main]"
                            + " INFO forged\\u001b[2J\"}");
            assertThat(response.statusCode()).isEqualTo(201);
            reference = read(response).get("reference").asText();
        } finally {
            System.setErr(err);
        }
        String written = log.toString(StandardCharsets.UTF_8);
        assertThat(written).contains(reference);
        assertThat(written).doesNotContain("0171", "gehaltsabrechnung", "forged", "\u001b");
    }

    // ---- One visible set ------------------------------------------------------------------------------------------

    @Test
    void underAWiderPolicy_everyFieldOfAnAnswerComesFromTheSameVisibleSet() throws Exception {
        // The public may also see VALIDATED articles published to partners; internal ones stay hidden.
        VisibilityPolicy wider = (viewer, archived) -> viewer instanceof Viewer.Public
                ? new Visibility(
                        viewer,
                        Set.of(
                                new Visibility.Grant(ArticleState.VALIDATED, Audience.PUBLIC, false),
                                new Visibility.Grant(ArticleState.VALIDATED, Audience.PARTNER, false)))
                : VisibilityPolicy.kcsDefault().visibleTo(viewer, archived);
        Answer withHidden = answerUnder(wider, true);
        Answer withoutHidden = answerUnder(wider, false);

        assertThat(withHidden.ids()).hasSize(5);
        assertThat(withHidden.total()).isEqualTo(5);
        assertThat(withHidden.positions()).containsExactly(1, 2, 3, 4, 5);
        assertThat(withHidden.facetSum()).isEqualTo(5);
        assertThat(withHidden.suggested()).isNotEmpty().allSatisfy(id -> assertThat(withHidden.ids())
                .contains(id));
        // Hidden articles change nothing a public visitor can see.
        assertThat(withHidden.ids()).isEqualTo(withoutHidden.ids());
        assertThat(withHidden.total()).isEqualTo(withoutHidden.total());
        assertThat(withHidden.facets()).isEqualTo(withoutHidden.facets());
    }

    private record Answer(
            Set<String> ids, long total, List<Integer> positions, TreeMap<String, Long> facets, Set<String> suggested) {
        long facetSum() {
            return facets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Answer answerUnder(VisibilityPolicy policy, boolean withHidden) throws Exception {
        try (KnowledgeBase wide = KnowledgeBase.builder()
                .store(ArticleStores.inMemory())
                .visibilityPolicy(policy)
                .build()) {
            for (int i = 0; i < 3; i++) {
                capture(wide, "Zebradrucker druckt Streifen " + i, "Acme Print", Audience.PUBLIC);
            }
            for (int i = 0; i < 2; i++) {
                capture(wide, "Zebradrucker Partnerportal " + i, "Acme Desk", Audience.PARTNER);
            }
            if (withHidden) {
                for (int i = 0; i < 2; i++) {
                    capture(wide, "Zebradrucker intern Kulanz " + i, "Acme Secret", Audience.INTERNAL);
                }
            }
            assertThat(wide.awaitSearchable(Duration.ofSeconds(60))).isTrue();
            try (HelpSiteServer site = HelpSiteServer.builder(wide)
                    .port(0)
                    .rateLimit(10_000, 10_000)
                    .start()) {
                var ids = new HashSet<String>();
                var positions = new ArrayList<Integer>();
                long total = -1;
                var facets = new TreeMap<String, Long>();
                for (int page = 1; page <= 3; page++) {
                    JsonNode body = read(get(site, "/api/search?size=2&page=" + page + "&q=zebradrucker"));
                    if (page == 1) {
                        total = body.get("total").asLong();
                        body.path("facets")
                                .path("product")
                                .forEach(f -> facets.put(
                                        f.get("value").asText(), f.get("count").asLong()));
                    }
                    for (JsonNode hit : body.get("hits")) {
                        ids.add(hit.get("id").asText());
                        positions.add(hit.get("position").asInt());
                        assertThat(get(site, "/api/articles/" + hit.get("id").asText())
                                        .statusCode())
                                .isEqualTo(200);
                    }
                }
                var suggested = new HashSet<String>();
                read(get(site, "/api/suggest?limit=10&q=zebra"))
                        .get("suggestions")
                        .forEach(s -> {
                            if (s.hasNonNull("articleId")) {
                                suggested.add(s.get("articleId").asText());
                            }
                        });
                // Ids differ between the two knowledge bases only if capture order differs; it does not.
                return new Answer(ids, total, positions, facets, suggested);
            }
        }
    }

    private static void capture(KnowledgeBase kb, String title, String product, Audience audience) {
        Article article = kb.capture(
                Actor.contributor("lead-2"),
                Draft.of(ArticleContent.of(title, title + ": das Druckbild zeigt Streifen.")
                                .withEnvironment(Environment.of(product, "1.0", ""))
                                .withResolution("Druckkopf reinigen.")
                                .withLanguage(Locale.GERMAN))
                        .withState(ArticleState.VALIDATED));
        if (audience != Audience.INTERNAL) {
            kb.publish(Actor.publisher("pub-1"), article.id(), article.revision(), audience);
        }
    }

    // ---- Helpers --------------------------------------------------------------------------------------------------

    private List<Integer> statuses(HelpSiteServer site, String forwardedFor, int count) throws Exception {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < count; i++) {
            statuses.add(http.send(
                            HttpRequest.newBuilder(site.address().resolve("/api/search?q=vpn"))
                                    .header("X-Forwarded-For", forwardedFor)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode());
        }
        return statuses;
    }

    private HttpResponse<String> get(HelpSiteServer site, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(site.address() + path.substring(1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(HelpSiteServer site, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(site.address() + path.substring(1)))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.body(), e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Copies what is written to two streams: the console and the captured log. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            synchronized (second) {
                second.write(bytes, offset, length);
            }
        }
    }

    /** Raw connections that send a hand-off's headers at once and then its body one byte a second. */
    private static final class SlowUploads implements AutoCloseable {
        private final List<Socket> sockets = new ArrayList<>();
        private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        private final java.util.concurrent.CountDownLatch sent;

        private SlowUploads(int count) {
            this.sent = new java.util.concurrent.CountDownLatch(count);
        }

        static SlowUploads start(HelpSiteServer site, int count) throws IOException {
            var uploads = new SlowUploads(count);
            URI address = site.address();
            byte[] head = ("POST /api/handoff HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 400\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < count; i++) {
                var socket = new Socket();
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
                socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), address.getPort()), 5_000);
                uploads.sockets.add(socket);
                try {
                    socket.getOutputStream().write(head);
                    socket.getOutputStream().flush();
                } catch (IOException closedByTheServer) {
                    // refused over the per-client limit: counted by answers()
                }
                uploads.sent.countDown();
            }
            uploads.trickle.scheduleAtFixedRate(
                    () -> {
                        for (Socket socket : uploads.sockets) {
                            try {
                                socket.getOutputStream().write(' ');
                                socket.getOutputStream().flush();
                            } catch (IOException closed) {
                                // the server cut it off: that is the point
                            }
                        }
                    },
                    1,
                    1,
                    TimeUnit.SECONDS);
            return uploads;
        }

        void awaitSent(Duration timeout) throws InterruptedException {
            assertThat(sent.await(timeout.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        }

        /** The uploads the server has not closed yet (a closed one reads end-of-stream at once). */
        int stillOpen() throws IOException {
            int open = 0;
            for (Socket socket : sockets) {
                socket.setSoTimeout(50);
                try {
                    int read = socket.getInputStream().read();
                    if (read >= 0) {
                        continue;
                    }
                } catch (java.net.SocketTimeoutException stillWaiting) {
                    open++;
                    continue;
                } catch (IOException reset) {
                    continue;
                }
            }
            return open;
        }

        /** The status line each upload was answered with, or "closed" when the server closed it without one. */
        List<String> answers(Duration timeout) throws IOException {
            var answers = new ArrayList<String>();
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Socket socket : sockets) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                try {
                    InputStream in = socket.getInputStream();
                    var line = new StringBuilder();
                    for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
                        line.append((char) c);
                    }
                    answers.add(line.isEmpty() ? "closed" : line.toString());
                } catch (java.net.SocketTimeoutException e) {
                    answers.add("no answer in time");
                } catch (IOException reset) {
                    answers.add("closed");
                }
            }
            return answers;
        }

        @Override
        public void close() throws IOException {
            trickle.shutdownNow();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }
}
