package org.kcskb.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.kcskb.StorageException;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5Transport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The engine's connection to the cluster: JSON over HTTP through the Java client's generic API, spread over every
 * configured node (a node that fails is skipped until it answers again). Thread-safe.
 *
 * <p>A request that gets no answer fails with a {@link StorageException} saying which cluster and how to check it;
 * an answer with an error status, with one that carries the cluster's error type and reason.
 */
final class Cluster implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String description;
    private final ApacheHttpClient5Transport transport;
    private final OpenSearchGenericClient client;

    /** An answer: its HTTP status and its body (an empty object when it had none). */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Cluster(OpenSearchEngineProvider config) {
        this.description = "OpenSearch at " + config.urls();
        HttpHost[] hosts = config.urls().stream().map(Cluster::host).toArray(HttpHost[]::new);
        Timeout timeout = Timeout.of(config.requestTimeout());
        this.transport = ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper(JSON))
                .setRequestConfigCallback(
                        request -> request.setResponseTimeout(timeout).setConnectionRequestTimeout(timeout))
                .setConnectionConfigCallback(connection -> connection.setConnectTimeout(Timeout.ofSeconds(5)))
                .setHttpClientConfigCallback(http -> {
                    if (config.username().isPresent()) {
                        var credentials = new BasicCredentialsProvider();
                        for (HttpHost host : hosts) {
                            credentials.setCredentials(
                                    new AuthScope(host),
                                    new UsernamePasswordCredentials(
                                            config.username().get(),
                                            config.password().orElse("").toCharArray()));
                        }
                        http.setDefaultCredentialsProvider(credentials);
                    }
                    config.sslContext()
                            .ifPresent(
                                    ssl -> http.setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                                            .setTlsStrategy(ClientTlsStrategyBuilder.create()
                                                    .setSslContext(ssl)
                                                    .buildAsync())
                                            .build()));
                    return http;
                })
                .build();
        this.client = new OpenSearchGenericClient(transport);
    }

    private static HttpHost host(URI url) {
        return new HttpHost(url.getScheme(), url.getHost(), url.getPort());
    }

    /** Sends a JSON request ({@code body} null for none) and returns the answer, whatever its status. */
    Reply send(String method, String endpoint, JsonNode body) {
        try {
            return send(method, endpoint, body == null ? null : JSON.writeValueAsBytes(body), "application/json");
        } catch (IOException e) {
            throw new StorageException("Cannot write the request to " + description + ": " + e.getMessage(), e);
        }
    }

    /** Sends a request with a body of {@code contentType} and returns the answer, whatever its status. */
    Reply send(String method, String endpoint, byte[] body, String contentType) {
        var request = Requests.builder().method(method).endpoint(endpoint);
        if (body != null) {
            request.body(Body.from(body, contentType));
        }
        try (Response response = client.execute(request.build())) {
            JsonNode json = JSON.createObjectNode();
            var answer = response.getBody();
            if (answer.isPresent()) {
                try (Body b = answer.get()) {
                    byte[] bytes = b.bodyAsBytes();
                    if (bytes.length > 0) {
                        json = JSON.readTree(bytes);
                    }
                }
            }
            return new Reply(response.getStatus(), json);
        } catch (IOException | RuntimeException e) {
            throw new StorageException(
                    description + " did not answer " + method + " " + endpoint + ": " + message(e)
                            + ". Check that the cluster is running and reachable from this host (address, port,"
                            + " firewall, TLS and credentials); the store keeps every write, and the engine catches"
                            + " up when the cluster is back",
                    e);
        }
    }

    /**
     * Sends a JSON request and returns the answer's body; an answer whose status is not 2xx nor one of {@code
     * accepted} fails with a {@link StorageException} naming the cluster's error.
     */
    JsonNode call(String method, String endpoint, JsonNode body, int... accepted) {
        Reply reply = send(method, endpoint, body);
        check(reply, method, endpoint, accepted);
        return reply.body();
    }

    void check(Reply reply, String method, String endpoint, int... accepted) {
        if (!reply.ok() && Arrays.stream(accepted).noneMatch(status -> status == reply.status())) {
            String error = error(reply.body());
            throw new StorageException(description + " refused " + method + " " + endpoint + " with HTTP "
                    + reply.status() + ": " + error + hint(error));
        }
    }

    /** What to do about an error the cluster gives for lack of capacity, or nothing. */
    private static String hint(String error) {
        if (error.contains("shards open")) {
            return ". The cluster has no room for more shards: each knowledge base needs 2 indices × shards × (1 +"
                    + " replicas) shards (4 by default). Raise cluster.max_shards_per_node, add data nodes, lower the"
                    + " replicas (OpenSearchEngineProvider.Builder.shards) or delete the indices of knowledge bases"
                    + " no longer used";
        }
        if (error.contains("disk usage exceeded") || error.contains("read_only_allow_delete")) {
            return ". The cluster's disk is (nearly) full and its indices are read-only: free disk space on the"
                    + " data nodes; OpenSearch lifts the block by itself once usage drops";
        }
        return "";
    }

    /** The error type and reason of an error answer, or its body. */
    /** The errors of a node that left the cluster, which the shards' remaining copies answer a moment later. */
    private static final List<String> SHARD_COPY_LOST = List.of(
            "node_disconnected_exception",
            "node_not_connected_exception",
            "node_closed_exception",
            "no_shard_available_action_exception");

    /**
     * Whether a request failed because a node holding shard copies left the cluster (the error types OpenSearch
     * names then), rather than because of the request or the whole cluster.
     */
    static boolean shardCopyLost(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            String message = String.valueOf(e.getMessage());
            if (SHARD_COPY_LOST.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }

    static String error(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject()) {
            JsonNode root = error.path("root_cause").path(0);
            JsonNode cause = root.isMissingNode() ? error : root;
            return cause.path("type").asText("error") + ": "
                    + cause.path("reason").asText("");
        }
        return error.isMissingNode() ? abbreviate(body.toString()) : abbreviate(error.asText());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String message(Throwable e) {
        var text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
            text.append(text.isEmpty() ? "" : " / ")
                    .append(t.getClass().getSimpleName())
                    .append(t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return text.toString();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Bulk request body: one line of JSON per element. */
    static byte[] ndjson(List<JsonNode> lines) {
        var out = new StringBuilder();
        for (JsonNode line : lines) {
            out.append(line.toString()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
