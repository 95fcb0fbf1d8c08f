package org.kcskb.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.store.ArticleStores;

/** A small knowledge base for the kb-web tests: public articles in English and German, and one for partners. */
final class HelpSiteFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final KnowledgeBase kb =
            KnowledgeBase.builder().store(ArticleStores.inMemory()).build();
    final ArticleId printerEn;
    final ArticleId printerDe;
    final ArticleId partnerOnly;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HelpSiteFixture() {
        printerEn = publish(
                "Printer shows offline although it is switched on",
                "The printer is listed as offline in the print dialog.",
                "Remove the printer and add it again.",
                Locale.ENGLISH,
                Audience.PUBLIC);
        printerDe = publish(
                "Drucker wird als offline angezeigt",
                "Der Drucker (printer) ist im Druckdialog offline.",
                "Drucker entfernen und neu hinzufügen.",
                Locale.GERMAN,
                Audience.PUBLIC);
        partnerOnly = publish(
                "Partner portal licence reset",
                "A partner needs to reset a customer's portal licence.",
                "Open the partner console and reset the licence.",
                Locale.ENGLISH,
                Audience.PARTNER);
        assertThat(kb.awaitSearchable(Duration.ofSeconds(60))).isTrue();
    }

    ArticleId publish(String title, String issue, String resolution, Locale language, Audience audience) {
        Article article = kb.capture(
                Actor.contributor("writer-1"),
                Draft.of(ArticleContent.of(title, issue)
                                .withResolution(resolution)
                                .withLanguage(language))
                        .withState(ArticleState.VALIDATED));
        return kb.publish(Actor.publisher("pub-1"), article.id(), article.revision(), audience)
                .id();
    }

    HttpResponse<String> send(URI base, String method, String path, String contentType, String body, String... headers)
            throws Exception {
        var request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(URI base, String path, String... headers) throws Exception {
        return send(base, "GET", path, null, null, headers);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        // A servlet container writes the same type without the space ("application/json;charset=utf-8").
        assertThat(response.headers().firstValue("Content-Type").orElse("").replace(" ", ""))
                .isEqualTo("application/json;charset=utf-8");
        return JSON.readTree(response.body());
    }

    /** Asserts the API's error format: status, reason and a message that contains {@code message}. */
    static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("message").asText()).contains(message);
    }

    @Override
    public void close() {
        kb.close();
    }
}
