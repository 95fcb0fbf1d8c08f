package org.kcskb.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.kcskb.examples.SampleKnowledgeBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The example application as a user tries it: started on a random port with the sample knowledge base in memory,
 * asked over HTTP for searches, suggestions, an article, the health and the search metrics.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"kb.store=memory", "kb.refresh-interval=100ms"})
class HelpSiteApplicationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Environment environment;

    @Autowired
    ObjectMapper json;

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void search_findsPublicSampleArticles_andNothingInternal() throws Exception {
        JsonNode page = getJson("/api/search?q=" + q("drucker druckt nicht"));
        assertThat(page.get("total").asLong()).isPositive();
        JsonNode first = page.get("hits").get(0);
        assertThat(first.get("title").asString()).isNotBlank();

        // The article the hit names is public: it opens.
        JsonNode article = getJson("/api/articles/" + first.get("id").asString());
        assertThat(article.get("title").asString()).isEqualTo(first.get("title").asString());

        for (String internal : SampleKnowledgeBase.INTERNAL_ONLY_TERMS) {
            assertThat(getJson("/api/search?q=" + q(internal)).get("total").asLong())
                    .as("public search for the internal-only term '%s'", internal)
                    .isZero();
        }
    }

    @Test
    void suggest_completesTitles() throws Exception {
        JsonNode suggestions = getJson("/api/suggest?q=" + q("druck"));
        assertThat(suggestions.isArray()).isTrue();
        assertThat(suggestions.size()).isPositive();
        assertThat(suggestions.get(0).get("text").asString().toLowerCase()).contains("druck");
    }

    @Test
    void badInput_isABadRequest_sayingWhy() throws Exception {
        HttpResponse<String> response = get("/api/search?q=drucker&page=-1");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("page");
    }

    @Test
    void health_showsTheKnowledgeBase_andTheMetricsEndpointItsSearches() throws Exception {
        JsonNode health = getJson("/actuator/health");
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode kb = health.get("components").get("kb");
        assertThat(kb.get("status").asString()).isEqualTo("UP");
        assertThat(kb.get("details").get("engine").asString()).isEqualTo("lucene");
        assertThat(kb.get("details").get("indexedArticles").asLong()).isPositive();

        getJson("/api/search?q=" + q("vpn"));
        JsonNode metric = getJson("/actuator/metrics/kb.search");
        assertThat(metric.get("name").asString()).isEqualTo("kb.search");
        JsonNode count = null;
        for (JsonNode measurement : metric.get("measurements")) {
            if (measurement.get("statistic").asString().equals("COUNT")) {
                count = measurement;
            }
        }
        assertThat(count).isNotNull();
        assertThat(count.get("value").asDouble()).isGreaterThanOrEqualTo(1);
    }
}
