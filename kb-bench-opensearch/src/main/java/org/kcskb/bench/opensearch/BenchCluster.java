package org.kcskb.bench.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.kcskb.opensearch.LocalCluster;

/**
 * A one-node OpenSearch cluster in this JVM ({@link LocalCluster} of kb-opensearch's tests) in a temporary
 * directory, deleted on close: the benchmark measures speed, not failover, so one node and no replicas.
 */
final class BenchCluster implements AutoCloseable {
    private final Path home;
    private final LocalCluster cluster;

    private BenchCluster(Path home, LocalCluster cluster) {
        this.home = home;
        this.cluster = cluster;
    }

    /** Starts the node and returns once the cluster is green over HTTP. */
    static BenchCluster start() {
        Path home;
        try {
            home = Files.createTempDirectory("kb-bench-opensearch-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new BenchCluster(home, LocalCluster.start(1, home));
        } catch (RuntimeException e) {
            delete(home);
            throw e;
        }
    }

    /** The node's HTTP address, {@code http://127.0.0.1:PORT}. */
    String url() {
        return cluster.httpUrl();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            delete(home);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: what is left goes with the machine.
        }
    }
}
