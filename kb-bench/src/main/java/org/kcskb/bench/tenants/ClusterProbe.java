package org.kcskb.bench.tenants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;

/**
 * What the {@code tenants} command asks the OpenSearch cluster, apart from the engine: the indices under its prefix,
 * the active shards, the nodes' heap; and the deletion of the indices a count created. Plain HTTP with the JDK's
 * client, so that its threads are not the engine's: its selector and its one worker start at the first request,
 * before any count.
 */
final class ClusterProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** Indices per DELETE request, to keep the URL short. */
    private static final int DELETE_BATCH = 50;

    private final String url;
    private final String prefix;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            // One thread of its own, started at the first request (before any count), so that the probe adds no
            // threads while the knowledge bases' are counted.
            .executor(Executors.newFixedThreadPool(
                    1,
                    Thread.ofPlatform().daemon().name("tenants-cluster-probe").factory()))
            .build();

    /**
     * The cluster's state as the command reports it.
     *
     * @param indices the indices under the prefix
     * @param activeShards the cluster's active shards, replicas included
     * @param activePrimaries its active primary shards
     * @param heapUsedBytes the heap used by the fullest node (nodes in one JVM each report that JVM's heap)
     * @param httpConnections the HTTP connections open on all nodes (the probe's own among them)
     */
    record State(Set<String> indices, int activeShards, int activePrimaries, long heapUsedBytes, int httpConnections) {}

    ClusterProbe(String url, String prefix) {
        this.url = url.strip().replaceAll("/+$", "");
        this.prefix = prefix;
    }

    /** The indices whose names start with the prefix. */
    Set<String> indices() {
        var names = new TreeSet<String>();
        for (JsonNode index : get("/_cat/indices/" + prefix + "-*?format=json&h=index&expand_wildcards=all")) {
            names.add(index.path("index").asText());
        }
        return names;
    }

    /** The state once every shard is allocated (green, at most 60 s: then as it is). */
    State state() {
        JsonNode health = get("/_cluster/health?wait_for_status=green&wait_for_no_initializing_shards=true"
                + "&wait_for_no_relocating_shards=true&timeout=60s");
        long heap = 0;
        int connections = 0;
        for (JsonNode node : get("/_nodes/stats/jvm,http").path("nodes")) {
            heap = Math.max(
                    heap,
                    node.path("jvm").path("mem").path("heap_used_in_bytes").asLong());
            connections += node.path("http").path("current_open").asInt();
        }
        return new State(
                indices(),
                health.path("active_shards").asInt(),
                health.path("active_primary_shards").asInt(),
                heap,
                connections);
    }

    /** Deletes the indices under the prefix that are not in {@code keep}. */
    void deleteIndicesBut(Set<String> keep) {
        var doomed = new ArrayList<String>();
        for (String index : indices()) {
            if (!keep.contains(index)) {
                doomed.add(index);
            }
        }
        for (int i = 0; i < doomed.size(); i += DELETE_BATCH) {
            List<String> batch = doomed.subList(i, Math.min(doomed.size(), i + DELETE_BATCH));
            send(HttpRequest.newBuilder(URI.create(url + "/" + String.join(",", batch)))
                    .DELETE()
                    .timeout(TIMEOUT)
                    .build());
        }
    }

    private JsonNode get(String endpoint) {
        return send(HttpRequest.newBuilder(URI.create(url + endpoint))
                .GET()
                .timeout(TIMEOUT)
                .build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            // 408: the health wait timed out; its body is the health as it is.
            if (response.statusCode() / 100 != 2 && response.statusCode() != 408) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered HTTP "
                        + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + request.uri(), e);
        }
    }
}
