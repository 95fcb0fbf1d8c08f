package org.kcskb.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * A real OpenSearch 3.9 cluster of a few nodes <em>inside the current JVM</em>, for tests and the relevance
 * harness: the engine under test talks to it over HTTP on 127.0.0.1, as it would to a production cluster.
 *
 * <p>Each node is a {@link Node} started with the class-path plugins the engine needs ({@code Netty4ModulePlugin}
 * for HTTP and transport, {@code CommonAnalysisModulePlugin} for {@code german_normalization}, the stemmers,
 * {@code dictionary_decompounder} and the language analyzers), its own {@code path.home}/{@code path.data} under
 * the caller's directory and HTTP/transport ports chosen free before start. Node 0 is the only node named in
 * {@code cluster.initial_cluster_manager_nodes}, so it bootstraps the cluster and becomes the cluster manager.
 *
 * <p>Figures on a 2-core machine (JDK 25), in a fresh JVM: {@link #start(int, Path) start(2, ...)} to HTTP green
 * 4.1-4.7 s, {@code start(3, ...)} 5.8-6.7 s; {@link #stopNode(int)} about 50 ms; {@link #restartNode(int)} back
 * to green 0.25-0.45 s (with a replica to recover); {@link #close()} well under a second. {@code
 * LocalClusterTest} (start, an index, analysis, a stop and a restart) takes about 7 s. Nodes run until closed:
 * close the cluster (try-with-resources or {@code @AfterAll}). On a busy machine (another build running)
 * expect about twice that: 8 s to green seen.
 *
 * <p>Nothing else is needed: the nodes do not go through OpenSearch's {@code Bootstrap}, so there is no
 * security manager (JDK 24+ has none anyway), no jar-hell or bootstrap checks and no {@code LogConfigurator};
 * logging goes to whatever log4j2 configuration the class path has (this module's tests: {@code
 * log4j2-test.properties}, warnings only, the known harmless ones silenced).
 *
 * <p>Users need on their test class path: {@code org.opensearch:opensearch}, {@code
 * org.opensearch.plugin:transport-netty4-client}, {@code org.opensearch.plugin:analysis-common} (all 3.9.0, which
 * pins Lucene 10.5.1) and {@code log4j-core}; see this module's pom. Not thread-safe beyond what {@code
 * synchronized} gives: start and stop nodes from one thread.
 */
public final class LocalCluster implements AutoCloseable {

    private static final String NODE_PREFIX = "kb-node-";
    private static final Duration GREEN_TIMEOUT = Duration.ofSeconds(60);

    /** The plugins every node loads from the class path (the analysis-common jar has no plugin descriptor). */
    private static final List<Class<? extends Plugin>> PLUGINS =
            List.of(Netty4ModulePlugin.class, CommonAnalysisModulePlugin.class);

    private final String clusterName;
    private final Path home;
    private final int[] httpPorts;
    private final int[] transportPorts;
    private final Node[] nodes;
    private final Settings extraSettings;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private LocalCluster(int size, Path home, Settings extraSettings) {
        this.extraSettings = extraSettings;
        this.clusterName = "kb-local-" + UUID.randomUUID().toString().substring(0, 8);
        this.home = home;
        this.httpPorts = new int[size];
        this.transportPorts = new int[size];
        this.nodes = new Node[size];
        for (int i = 0; i < size; i++) {
            httpPorts[i] = freePort();
            transportPorts[i] = freePort();
        }
    }

    /**
     * Runs a cluster until the process is stopped, for trying the engine or running the relevance harness against
     * it without installing OpenSearch: prints each node's HTTP address, one per line, then {@code ready}.
     *
     * <pre>{@code
     * ./mvnw -q -ntp -pl kb-opensearch -am package exec:java -DskipTests -Dkb.localCluster.skip=false \
     *     -Dexec.args=2
     * }</pre>
     *
     * <p>Further arguments {@code key=value} are node settings for every node, such as {@code
     * cluster.max_shards_per_node=3000}.
     *
     * @param args the number of nodes (default 2), then node settings {@code key=value}
     */
    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Settings.Builder extra = Settings.builder();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("node settings are key=value, was \"" + args[i] + "\"");
            }
            extra.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        Path directory = Files.createTempDirectory("kb-local-cluster-");
        LocalCluster cluster = start(size, directory, extra.build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            TestCluster.delete(directory);
        }));
        cluster.httpUrls().forEach(System.out::println);
        System.out.println("ready");
        Thread.currentThread().join();
    }

    /** Starts a cluster of two nodes under {@code home}; see {@link #start(int, Path)}. */
    public static LocalCluster start(Path home) {
        return start(2, home);
    }

    /**
     * Starts {@code nodes} nodes, in order, and waits until the cluster has them all and is green over HTTP.
     *
     * @param nodes how many nodes, at least 1
     * @param home an existing or creatable directory the caller owns (and deletes); node {@code i} keeps its
     *     files in {@code home/kb-node-i}
     * @throws IllegalStateException if a node fails to start or the cluster is not green within 60 s (the
     *     nodes started so far are closed)
     */
    public static LocalCluster start(int nodes, Path home) {
        return start(nodes, home, Settings.EMPTY);
    }

    /**
     * Starts {@code nodes} nodes as {@link #start(int, Path)} does, each with {@code extraSettings} added to (and
     * overriding) its own, such as {@code cluster.max_shards_per_node}.
     */
    public static LocalCluster start(int nodes, Path home, Settings extraSettings) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1: " + nodes);
        }
        var cluster = new LocalCluster(nodes, home, java.util.Objects.requireNonNull(extraSettings, "extraSettings"));
        try {
            for (int i = 0; i < nodes; i++) {
                cluster.startNode(i);
            }
            cluster.awaitGreen();
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:PORT} of every node, in start order, running or not. */
    public List<String> httpUrls() {
        var urls = new ArrayList<String>(nodes.length);
        for (int port : httpPorts) {
            urls.add("http://127.0.0.1:" + port);
        }
        return Collections.unmodifiableList(urls);
    }

    /** The HTTP address of node 0, the cluster manager. */
    public String httpUrl() {
        return httpUrls().get(0);
    }

    /** The HTTP address of node {@code index}. */
    public String httpUrl(int index) {
        return httpUrls().get(index);
    }

    /** How many nodes the cluster was started with (running or not). */
    public int size() {
        return nodes.length;
    }

    /** The name of node {@code index} ({@code kb-node-INDEX}), e.g. for {@code index.routing.allocation}. */
    public String nodeName(int index) {
        checkIndex(index);
        return NODE_PREFIX + index;
    }

    /** The cluster name, unique per {@code LocalCluster}. */
    public String clusterName() {
        return clusterName;
    }

    /** Whether node {@code index} is running (started and not stopped). */
    public synchronized boolean running(int index) {
        checkIndex(index);
        return nodes[index] != null;
    }

    /**
     * Closes node {@code index}, to simulate a node failure; does nothing if it is not running.
     *
     * <p>Which node is safe to stop: node 0 bootstrapped the cluster alone, so it is the cluster manager and, with
     * two nodes, the only member of the voting configuration (OpenSearch keeps an odd number of voters). Stopping
     * any node <em>other than 0</em> keeps the cluster working: node 0 stays cluster manager, promotes replicas
     * and, with {@code index.unassigned.node_left.delayed_timeout=0}, reassigns the lost copies at once. Stopping
     * node 0 of a two-node cluster leaves node 1 without a cluster manager (health and writes fail; nothing is
     * promoted). With three nodes the voting configuration grows to all three shortly after they have joined
     * (right after {@link #start(int, Path)} it may still be node 0 alone); then one node, node 0 included, can
     * be lost (seen here: another node was cluster manager and the cluster green again within a second).
     */
    public synchronized void stopNode(int index) {
        checkIndex(index);
        Node node = nodes[index];
        if (node == null) {
            return;
        }
        nodes[index] = null;
        closeNode(node);
    }

    /**
     * Starts node {@code index} again after {@link #stopNode(int)}, with the same name, ports and data path (it
     * rejoins with its shard copies), and waits until the cluster has all running nodes and is green.
     */
    public synchronized void restartNode(int index) {
        checkIndex(index);
        if (nodes[index] != null) {
            throw new IllegalStateException(nodeName(index) + " is running");
        }
        startNode(index);
        awaitGreen();
    }

    /**
     * Starts every stopped node again (same names, ports and data paths), then waits until the cluster has them all
     * and is green: a cluster that went away as a whole comes back.
     */
    public synchronized void restartAll() {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == null) {
                startNode(i);
            }
        }
        awaitGreen();
    }

    /**
     * Waits (at most 60 s) until the cluster, asked through the first running node, has every running node and
     * is green.
     *
     * @throws IllegalStateException otherwise, with the last health answer
     */
    public synchronized void awaitGreen() {
        int running = 0;
        int first = -1;
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] != null) {
                running++;
                first = first < 0 ? i : first;
            }
        }
        if (first < 0) {
            throw new IllegalStateException("no node is running");
        }
        var uri = URI.create(httpUrl(first) + "/_cluster/health?wait_for_status=green&wait_for_nodes=" + running
                + "&timeout=" + GREEN_TIMEOUT.toSeconds() + "s");
        long deadline = System.nanoTime() + GREEN_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                var response = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(GREEN_TIMEOUT.plusSeconds(10))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 200
                        && response.body().contains("\"status\":\"green\"")
                        && response.body().contains("\"timed_out\":false")) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + uri, e);
            }
            sleep(200);
        }
        throw new IllegalStateException("cluster " + clusterName + " not green with " + running + " node(s) within "
                + GREEN_TIMEOUT + "; last answer from " + uri + ": " + last);
    }

    /** Closes all running nodes, in reverse start order. Idempotent. */
    public synchronized void stopAll() {
        for (int i = nodes.length - 1; i >= 0; i--) {
            stopNode(i);
        }
    }

    /** Same as {@link #stopAll()}. */
    @Override
    public void close() {
        stopAll();
    }

    private synchronized void startNode(int index) {
        Path nodeHome = home.resolve(NODE_PREFIX + index);
        try {
            Files.createDirectories(nodeHome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var seedHosts = new ArrayList<String>();
        for (int port : transportPorts) {
            seedHosts.add("127.0.0.1:" + port);
        }
        Settings settings = Settings.builder()
                .put("cluster.name", clusterName)
                .put("node.name", nodeName(index))
                .put("path.home", nodeHome)
                .put("path.data", nodeHome.resolve("data"))
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPorts[index])
                .put("transport.port", transportPorts[index])
                .putList("discovery.seed_hosts", seedHosts)
                .putList("cluster.initial_cluster_manager_nodes", nodeName(0))
                // Node.start() would otherwise block up to 30 s waiting for a cluster manager.
                .put("discovery.initial_state_timeout", "0s")
                // Build machines' disks are often more than 85 % full: do not let that block allocation.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put(extraSettings)
                .build();
        Node node = new ClasspathNode(settings, nodeName(index));
        try {
            node.start();
        } catch (NodeValidationException | RuntimeException e) {
            closeNode(node);
            throw new IllegalStateException("could not start " + nodeName(index) + ": " + e, e);
        }
        nodes[index] = node;
    }

    private static void closeNode(Node node) {
        try {
            node.close();
            if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node did not close within 30 s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= nodes.length) {
            throw new IndexOutOfBoundsException("node " + index + " of " + nodes.length);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A node that loads {@link #PLUGINS} from the class path (the protected constructor tests use). */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Settings settings, String name) {
            super(
                    InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> name),
                    PLUGINS.stream().map(ClasspathNode::info).toList(),
                    true);
        }

        private static PluginInfo info(Class<? extends Plugin> plugin) {
            return new PluginInfo(
                    plugin.getName(),
                    "class-path plugin",
                    "NA",
                    Version.CURRENT,
                    "21",
                    plugin.getName(),
                    null,
                    List.of(),
                    false);
        }

        /**
         * Skipped, as in OpenSearch's own MockNode: it sets process-wide log4j fields once, so every further node
         * in the JVM would log a warning.
         */
        @Override
        protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {}
    }
}
