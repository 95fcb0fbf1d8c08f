package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kcskb.web.HelpSiteFixture.assertError;
import static org.kcskb.web.HelpSiteFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleId;
import org.kcskb.article.Audience;

/**
 * A host mounts the help site in its own Jetty server or servlet container with the lines README shows, and gets
 * the same routes, bounds, limits and error format either way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MountTest {
    private HelpSiteFixture fixture;
    private final List<Server> servers = new ArrayList<>();

    @BeforeAll
    void setUp() {
        fixture = new HelpSiteFixture();
    }

    @AfterAll
    void tearDown() throws Exception {
        for (Server server : servers) {
            server.stop();
        }
        fixture.close();
    }

    /** How the host mounts it: exactly README's lines (marked), in a server of the host's own. */
    enum Mount {
        JETTY_HANDLER,
        SERVLET,
        /** A container that does not let the servlet go asynchronous (Tomcat's default): bodies read blocking. */
        SERVLET_WITHOUT_ASYNC
    }

    private URI start(Mount mount, KbWeb.Builder configured) throws Exception {
        Server server = new Server(0);
        Handler yourOwnHandler = new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, Response response, Callback callback) {
                Response.writeError(request, response, callback, 418, "the host's own page");
                return true;
            }
        };
        // README builds it with KbWeb.builder(kb).basePath("/help").build(); the tests add settings to that.
        KbWeb web = configured.build();
        if (mount == Mount.JETTY_HANDLER) {
            // README, "Help site in your server", Jetty 12:
            server.setHandler(new Handler.Sequence(web.handler(), yourOwnHandler));
        } else if (mount == Mount.SERVLET) {
            // README, "Help site in your server", servlet container:
            var context = new ServletContextHandler("/");
            context.addServlet(new ServletHolder(web.servlet()), "/help/*");
            server.setHandler(new Handler.Sequence(context, yourOwnHandler));
        } else {
            var context = new ServletContextHandler("/");
            var holder = new ServletHolder(web.servlet());
            holder.setAsyncSupported(false);
            context.addServlet(holder, "/help/*");
            server.setHandler(new Handler.Sequence(context, yourOwnHandler));
        }
        server.start();
        servers.add(server);
        return URI.create("http://localhost:" + server.getURI().getPort() + "/");
    }

    private KbWeb.Builder help() {
        return KbWeb.builder(fixture.kb).basePath("/help");
    }

    @ParameterizedTest
    @EnumSource(Mount.class)
    void mountedUnderItsBasePath_answersSearchArticleAndWidget_andLeavesTheRestToTheHost(Mount mount) throws Exception {
        URI base = start(mount, help());

        JsonNode search = json(fixture.get(base, "help/api/search?q=printer+offline&lang=en"));
        assertThat(search.get("total").asLong()).isPositive();
        assertThat(search.get("hits").get(0).get("id").asText()).isEqualTo(fixture.printerEn.value());
        assertThat(search.get("hits").get(0).get("language").asText()).isEqualTo("en");
        JsonNode article = json(fixture.get(base, "help/api/articles/" + fixture.printerEn.value()));
        assertThat(article.get("title").asText()).isEqualTo("Printer shows offline although it is switched on");

        HttpResponse<String> script = fixture.get(base, "help/webjars/kb-web/" + KbWeb.version() + "/kb-widget.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(script.body()).contains("window.KbWidget");
        HttpResponse<String> css = fixture.get(base, "help/webjars/kb-web/" + KbWeb.version() + "/kb-widget.css");
        assertThat(css.body()).contains(".kbw");
        JsonNode french = json(fixture.get(base, "help/webjars/kb-web/" + KbWeb.version() + "/messages/fr.json"));
        assertThat(french.get("label").asText()).isEqualTo("Comment pouvons-nous vous aider ?");

        // Other paths are the host's: its handler answers them (418 here), or its container's own 404.
        for (String elsewhere : List.of("elsewhere", "helpdesk/api/search?q=x")) {
            HttpResponse<String> answer = fixture.get(base, elsewhere);
            assertThat(answer.statusCode()).as(elsewhere).isEqualTo(mount == Mount.JETTY_HANDLER ? 418 : 404);
            assertThat(answer.body()).as(elsewhere).doesNotContain("help site");
        }
    }

    @ParameterizedTest
    @EnumSource(Mount.class)
    void anArticlePage_showsTheCurrentRevision_afterTheArticleIsRevised(Mount mount) throws Exception {
        URI base = start(mount, help());
        ArticleId id = fixture.publish(
                "Scanner stops after ten pages " + mount,
                "The scanner stops after ten pages.",
                "Clean the feed roller.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        String path = "help/api/articles/" + id.value();
        assertThat(json(fixture.get(base, path)).get("html").get("resolution").asText())
                .contains("Clean the feed roller.");

        Article current = fixture.kb.article(id).orElseThrow();
        fixture.kb.revise(
                Actor.publisher("pub-1"),
                id,
                current.revision(),
                current.content().withResolution("Replace the feed roller."),
                "the roller wears out");

        // The page renders each revision once; a new revision is new HTML, never the old revision's.
        JsonNode revised = json(fixture.get(base, path));
        assertThat(revised.get("resolution").asText()).isEqualTo("Replace the feed roller.");
        assertThat(revised.get("html").get("resolution").asText())
                .contains("Replace the feed roller.")
                .doesNotContain("Clean");
    }

    @ParameterizedTest
    @EnumSource(Mount.class)
    void badRequests_areRefusedWithTheSameJsonErrors(Mount mount) throws Exception {
        URI base = start(mount, help().rateLimit(10_000, 10_000).feedbackRateLimit(10_000, 10_000));

        assertError(fixture.get(base, "help/api/search?q=" + "x".repeat(501)), 400, "the limit is 500");
        assertError(fixture.get(base, "help/api/search?q=%E0%A4"), 400, "not URL-encoded UTF-8");
        assertError(fixture.get(base, "help/api/search?q=x&lang=it"), 400, "'lang' must be one of de, en, fr");
        assertError(fixture.get(base, "help/api/nothing"), 404, "No endpoint GET /api/nothing");
        assertError(fixture.get(base, "help/api/articles/" + fixture.partnerOnly.value()), 404, "No public article");
        String feedback = "help/api/articles/" + fixture.printerEn.value() + "/feedback";
        assertError(fixture.send(base, "POST", feedback, "text/plain", "{\"helpful\": true}"), 415, "application/json");
        assertError(
                fixture.send(base, "POST", feedback, "application/json", "{\"helpful\": 1}"),
                400,
                "Say whether the article helped");
        assertError(
                fixture.send(
                        base, "POST", feedback, "application/json", "{\"comment\": \"" + "x".repeat(20_000) + "\"}"),
                413,
                "at most " + KbWeb.MAX_BODY_BYTES + " bytes");
        HttpResponse<String> voted = fixture.send(base, "POST", feedback, "application/json", "{\"helpful\": true}");
        assertThat(voted.statusCode()).as(voted.body()).isEqualTo(201);
        assertThat(json(voted).get("helpful").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Mount.class)
    void aBodyThatTricklesIn_isRefusedWith408AtTheBodyTimeout(Mount mount) throws Exception {
        URI base = start(mount, help().bodyTimeout(Duration.ofSeconds(1)).feedbackRateLimit(10_000, 10_000));
        String feedback = "/help/api/articles/" + fixture.printerEn.value() + "/feedback";
        String head = "POST " + feedback + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 40\r\n\r\n{\"help";

        try (var socket = new Socket(base.getHost(), base.getPort())) {
            // Well below a container's idle timeout: only the body deadline can end this request.
            socket.setSoTimeout(15_000);
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String status;
            try (ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor()) {
                trickle.scheduleAtFixedRate(
                        () -> {
                            try {
                                out.write(' ');
                                out.flush();
                            } catch (IOException e) {
                                // Closed by the server: the answer says why.
                            }
                        },
                        300,
                        300,
                        TimeUnit.MILLISECONDS);
                status = in.readLine();
                trickle.shutdownNow();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(status).isEqualTo("HTTP/1.1 408 Request Timeout");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }

    @ParameterizedTest
    @EnumSource(Mount.class)
    void overTheRateLimit_answers429WithRetryAfter(Mount mount) throws Exception {
        URI base = start(mount, help().rateLimit(0.001, 2));

        assertThat(fixture.get(base, "help/api/suggest?q=pr").statusCode()).isEqualTo(200);
        assertThat(fixture.get(base, "help/api/suggest?q=pr").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = fixture.get(base, "help/api/suggest?q=pr");
        assertError(refused, 429, "Too many requests");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Mount.class)
    void theViewerFunction_letsAHostShowPartnerArticlesToItsPartners(Mount mount) throws Exception {
        // A host would read its session here; a header keeps the test short.
        URI base = start(mount, help().viewer(request -> request.header("X-Test-Partner")
                .map(Viewer::partner)
                .orElse(Viewer.anonymous())));
        String query = "help/api/search?q=" + URLEncoder.encode("partner portal licence", StandardCharsets.UTF_8);

        JsonNode anonymous = json(fixture.get(base, query));
        JsonNode partner = json(fixture.get(base, query, "X-Test-Partner", "acme"));

        assertThat(anonymous.get("hits").findValuesAsText("id")).doesNotContain(fixture.partnerOnly.value());
        assertThat(partner.get("hits").findValuesAsText("id")).contains(fixture.partnerOnly.value());
        assertThat(fixture.get(base, "help/api/articles/" + fixture.partnerOnly.value(), "X-Test-Partner", "acme")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBrokenHostBundle_isA500ForThatLanguageOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws Exception {
        java.nio.file.Files.writeString(directory.resolve("it.json"), "{\"label\": ");
        URI base = start(Mount.SERVLET, help().messages(directory));

        assertError(fixture.get(base, "help/messages/it.json"), 500, "tell the site's owner");
        assertThat(json(fixture.get(base, "help/messages/de.json")).get("label").asText())
                .isEqualTo("Wie können wir helfen?");
    }

    @Test
    void anArticle_namesRelatedArticles_onlyThoseItsViewerMayRead() throws Exception {
        var partnerPrinter = fixture.publish(
                "Printer shows offline on the partner print server",
                "The printer is listed as offline on the partner print server.",
                "Restart the partner print server spooler.",
                java.util.Locale.ENGLISH,
                org.kcskb.article.Audience.PARTNER);
        assertThat(fixture.kb.awaitSearchable(java.time.Duration.ofSeconds(60))).isTrue();
        URI base = start(Mount.JETTY_HANDLER, help().viewer(request -> request.header("X-Test-Partner")
                .map(Viewer::partner)
                .orElse(Viewer.anonymous())));
        String path = "help/api/articles/" + fixture.printerEn.value();

        JsonNode anonymous = json(fixture.get(base, path));
        JsonNode partner = json(fixture.get(base, path, "X-Test-Partner", "acme"));

        assertThat(anonymous.get("related").findValuesAsText("id"))
                .doesNotContain(partnerPrinter.value(), fixture.partnerOnly.value(), fixture.printerEn.value());
        for (JsonNode related : anonymous.get("related")) {
            assertThat(fixture.get(
                                    base,
                                    "help/api/articles/" + related.get("id").asText())
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(partner.get("related").findValuesAsText("id")).contains(partnerPrinter.value());
        assertThat(partner.get("related").get(0).get("title").asText()).isNotBlank();
    }

    @Test
    void aMergedArticlesLink_leadsToItsSurvivor_butAnIdTheVisitorCouldNeverReadStaysNotFound() throws Exception {
        var duplicate = fixture.publish(
                "Printer offline (duplicate)",
                "Printer offline although on.",
                "Add the printer again.",
                java.util.Locale.ENGLISH,
                org.kcskb.article.Audience.PUBLIC);
        var internalDuplicate = fixture.publish(
                "Printer offline (internal duplicate)",
                "Printer offline, internal notes.",
                "Add the printer again.",
                java.util.Locale.ENGLISH,
                org.kcskb.article.Audience.INTERNAL);
        var publisher = org.kcskb.actor.Actor.publisher("pub-1");
        // A draft for the public that was never validated: the public never saw it, so its id leads nowhere.
        var publicDraft = fixture.kb
                .capture(
                        publisher,
                        org.kcskb.Draft.of(org.kcskb.article.ArticleContent.of(
                                                "Printer offline (draft)", "Printer offline, draft notes.")
                                        .withResolution("Not checked yet.")
                                        .withLanguage(java.util.Locale.ENGLISH))
                                .withState(org.kcskb.article.ArticleState.NOT_VALIDATED)
                                .withAudience(org.kcskb.article.Audience.PUBLIC))
                .id();
        fixture.kb.merge(publisher, duplicate, fixture.printerEn);
        fixture.kb.merge(publisher, internalDuplicate, fixture.printerEn);
        fixture.kb.merge(publisher, publicDraft, fixture.printerEn);
        URI base = start(Mount.SERVLET, help());

        JsonNode survivor = json(fixture.get(base, "help/api/articles/" + duplicate.value()));
        assertThat(survivor.get("id").asText()).isEqualTo(fixture.printerEn.value());
        assertThat(survivor.get("mergedFrom").asText()).isEqualTo(duplicate.value());
        assertThat(json(fixture.get(base, "help/api/articles/" + fixture.printerEn.value()))
                        .get("mergedFrom")
                        .isNull())
                .isTrue();
        assertError(fixture.get(base, "help/api/articles/" + internalDuplicate.value()), 404, "No public article");
        assertError(fixture.get(base, "help/api/articles/" + publicDraft.value()), 404, "No public article");
    }

    @Test
    void allowedOrigins_letOnlyThosePagesReadTheAnswers() throws Exception {
        URI base = start(Mount.JETTY_HANDLER, help().allowedOrigins("https://www.example.com"));

        HttpResponse<String> allowed = fixture.get(base, "help/api/suggest?q=pr", "Origin", "https://www.example.com");
        HttpResponse<String> other = fixture.get(base, "help/api/suggest?q=pr", "Origin", "https://evil.example");

        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://www.example.com");
        assertThat(allowed.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void readme_showsTheLinesThisTestRuns() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));

        assertThat(readme)
                .contains("KbWeb web = KbWeb.builder(kb).basePath(\"/help\").build();")
                .contains("server.setHandler(new Handler.Sequence(web.handler(), yourOwnHandler));")
                .contains("context.addServlet(new ServletHolder(web.servlet()), \"/help/*\");");
    }

    @Test
    void builder_refusesABadBasePathOrOrigin_sayingWhatIsValid() {
        var builder = KbWeb.builder(fixture.kb);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.basePath("help"))
                .hasMessageContaining("like /help");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.basePath("/a/../b"))
                .hasMessageContaining("like /help");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> builder.allowedOrigins("https://x.example/path"))
                .hasMessageContaining("no path");
        assertThat(builder.basePath("/help/").build().widgetPath())
                .isEqualTo("/help/webjars/kb-web/" + KbWeb.version() + "/kb-widget.js");
    }
}
