package org.kcskb.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalCluster}: two real nodes in this JVM, the German analysis the engine relies on, and a node failure.
 * Plain {@code java.net.http} only, so this test depends on nothing but the cluster itself. The methods run in
 * order on one cluster: the fourth stops node 1, the last starts it again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    private static final String INDEX = "kb-local-cluster-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    static Path home;

    private static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        long started = System.nanoTime();
        cluster = LocalCluster.start(2, home);
        System.out.printf("LocalCluster: 2 nodes green in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster.close(); // idempotent
        }
    }

    @Test
    @Order(1)
    void bothNodesAnswerOverHttp() throws Exception {
        assertThat(cluster.httpUrls()).hasSize(2).allMatch(url -> url.startsWith("http://127.0.0.1:"));
        assertThat(cluster.httpUrl()).isEqualTo(cluster.httpUrls().get(0));
        for (String url : cluster.httpUrls()) {
            var root = send("GET", url + "/", null);
            assertThat(root.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(root.body());
            assertThat(body.path("cluster_name").asText()).isEqualTo(cluster.clusterName());
            assertThat(body.path("version").path("number").asText()).isEqualTo("3.9.0");
        }
        var nodes = send("GET", cluster.httpUrl() + "/_cat/nodes?h=name&format=json", null);
        assertThat(JSON.readTree(nodes.body()).findValuesAsText("name"))
                .containsExactlyInAnyOrder(cluster.nodeName(0), cluster.nodeName(1));
    }

    @Test
    @Order(2)
    void indexWithGermanAnalysis_reachesGreen() throws Exception {
        String settings = """
                {
                  "settings": {
                    "number_of_shards": 1,
                    "number_of_replicas": 1,
                    "index.unassigned.node_left.delayed_timeout": "0",
                    "analysis": {
                      "filter": {
                        "kb_decompound": {
                          "type": "dictionary_decompounder",
                          "word_list": ["drucker", "treiber", "fehler"]
                        },
                        "kb_light_german": { "type": "stemmer", "language": "light_german" }
                      },
                      "analyzer": {
                        "kb_german": {
                          "type": "custom",
                          "tokenizer": "standard",
                          "filter": ["lowercase", "kb_decompound", "german_normalization", "kb_light_german"]
                        }
                      }
                    }
                  },
                  "mappings": { "properties": { "body": { "type": "text", "analyzer": "kb_german" } } }
                }
                """;
        var created = send("PUT", cluster.httpUrl() + "/" + INDEX, settings);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        var health = send(
                "GET", cluster.httpUrl() + "/_cluster/health/" + INDEX + "?wait_for_status=green&timeout=30s", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("green");
    }

    @Test
    @Order(3)
    void analyze_decompoundsAndStemsGermanCompound() throws Exception {
        var analyzed = send(
                "POST",
                cluster.httpUrl() + "/" + INDEX + "/_analyze",
                "{\"analyzer\": \"kb_german\", \"text\": \"Druckertreiberfehler\"}");
        assertThat(analyzed.statusCode()).as(analyzed.body()).isEqualTo(200);
        List<String> tokens = new ArrayList<>();
        JSON.readTree(analyzed.body())
                .path("tokens")
                .forEach(t -> tokens.add(t.path("token").asText()));

        // The whole word (stemmed) and each dictionary part, stemmed: drucker -> druck, treiber -> treib.
        assertThat(tokens).containsExactly("druckertreiberfehl", "druck", "treib", "fehl");
    }

    @Test
    @Order(4)
    void stoppingNode1_searchesAnswerFromNode0() throws Exception {
        var indexed = send(
                "PUT",
                cluster.httpUrl() + "/" + INDEX + "/_doc/1?refresh=true",
                "{\"body\": \"Der Druckertreiber meldet einen Fehler\"}");
        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

        cluster.stopNode(1);
        assertThat(cluster.running(1)).isFalse();
        assertThat(cluster.running(0)).isTrue();
        cluster.stopNode(1); // already stopped: nothing happens

        var search = send(
                "POST",
                cluster.httpUrl() + "/" + INDEX + "/_search",
                "{\"query\": {\"match\": {\"body\": \"Treiberfehler\"}}}");
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        JsonNode hits = JSON.readTree(search.body()).path("hits");
        assertThat(hits.path("total").path("value").asInt()).isEqualTo(1);
        assertThat(hits.path("hits").get(0).path("_id").asText()).isEqualTo("1");

        // Node 0 is still cluster manager: health answers, yellow as the replica has nowhere to go.
        var health = send("GET", cluster.httpUrl() + "/_cluster/health/" + INDEX + "?timeout=10s", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode status = JSON.readTree(health.body());
        assertThat(status.path("number_of_nodes").asInt()).isEqualTo(1);
        assertThat(status.path("status").asText()).isEqualTo("yellow");
    }

    @Test
    @Order(5)
    void restartingNode1_rejoinsAndTheReplicaRecovers() throws Exception {
        long started = System.nanoTime();
        cluster.restartNode(1);
        System.out.printf("LocalCluster: node 1 back, green in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(cluster.running(1)).isTrue();

        var health = send(
                "GET", cluster.httpUrl(1) + "/_cluster/health/" + INDEX + "?wait_for_status=green&timeout=30s", null);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("number_of_nodes").asInt()).isEqualTo(2);
        var count = send("GET", cluster.httpUrl(1) + "/" + INDEX + "/_count?preference=_local", null);
        assertThat(JSON.readTree(count.body()).path("count").asInt()).isEqualTo(1);
    }

    private static HttpResponse<String> send(String method, String url, String json)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
