package org.kcskb.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one two-node cluster the engine's tests share in a test JVM: started by the first test that asks (about 5
 * s), stopped when the JVM exits. Each knowledge base gets indices of its own (they are named after its store), so
 * tests do not see each other's articles. Tests that stop nodes start a cluster of their own instead.
 */
public final class TestCluster {
    private static LocalCluster cluster;

    private TestCluster() {}

    /** Returns the shared cluster, starting it on first use. */
    public static synchronized LocalCluster get() {
        if (cluster == null) {
            Path home;
            try {
                home = Files.createTempDirectory("kb-opensearch-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalCluster started = LocalCluster.start(2, home);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                delete(home);
            }));
            cluster = started;
        }
        return cluster;
    }

    /** A provider of engines on the shared cluster, with every node's address. */
    public static OpenSearchEngineProvider provider(String indexPrefix) {
        return OpenSearchEngineProvider.builder()
                .urls(get().httpUrls())
                .indexPrefix(indexPrefix)
                .build();
    }

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: what is left goes with the machine.
        }
    }
}
