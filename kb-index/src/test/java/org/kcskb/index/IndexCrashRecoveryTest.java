package org.kcskb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Viewer;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.search.SearchRequest;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;

/**
 * Kills a process that is capturing articles into the embedded knowledge base with SIGKILL, and checks that after
 * reopening every article it acknowledged is found by search exactly once: the index, committed only now and
 * then, catches up with the store from its last commit.
 */
class IndexCrashRecoveryTest {
    /** Acknowledgements to read after the index's first commit, so that the store is well ahead of it. */
    private static final int ACKNOWLEDGED_AFTER_INDEX_COMMIT = 200;

    private static final Viewer AUTHOR = Viewer.agent(IndexCrashChild.AUTHOR);

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void sigkill_duringCaptures_everyAcknowledgedArticleIsSearchableAfterReopening() throws Exception {
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-Xmx512m",
                        "-cp",
                        childClassPath(),
                        IndexCrashChild.class.getName(),
                        directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Map<String, String> markers = new LinkedHashMap<>();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("first line of the child").isEqualTo("READY");
            // Wait for the index's first commit with data (it commits every few seconds), then let the store run
            // ahead of it.
            while (markers.size() % 20 != 0 || indexedSequence() == 0) {
                read(out.readLine(), child, markers);
            }
            for (int i = 0; i < ACKNOWLEDGED_AFTER_INDEX_COMMIT; i++) {
                read(out.readLine(), child, markers);
            }
            // SIGKILL on Linux: no shutdown hooks, no close, no final commit. Through the handle, because
            // Process.destroyForcibly() would also close our end of the pipe.
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Lines the child printed before it died were acknowledged too.
            for (String line; (line = out.readLine()) != null; ) {
                read(line, child, markers);
            }
        } finally {
            child.destroyForcibly();
        }
        // The crash left the index behind the store, with a commit to resume from: reopening must catch up.
        long indexed = indexedSequence();
        try (ArticleStore store = ArticleStores.h2(directory.resolve("store"))) {
            assertThat(indexed)
                    .as("sequence in the index's last commit")
                    .isPositive()
                    .isLessThan(store.lastSequence());
        }

        try (KnowledgeBase kb = KnowledgeBase.open(directory)) {
            assertThat(kb.awaitSearchable(Duration.ofMinutes(2))).isTrue();
            markers.forEach((id, marker) -> assertThat(idsFound(kb, marker))
                    .as("articles found by the marker %s of acknowledged article %s", marker, id)
                    .containsExactly(id));

            // The recovered index takes new articles.
            Article fresh = kb.capture(
                    IndexCrashChild.AUTHOR,
                    ArticleContent.of("After the crash", "The scanner shows code kqzzzz at start.")
                            .withLanguage(Locale.ENGLISH));
            assertThat(kb.awaitSearchable(Duration.ofMinutes(1))).isTrue();
            assertThat(idsFound(kb, "kqzzzz")).containsExactly(fresh.id().value());
        }
    }

    private static List<String> idsFound(KnowledgeBase kb, String marker) {
        var request =
                SearchRequest.builder(marker, AUTHOR).language(Locale.ENGLISH).build();
        return kb.search(request).hits().stream().map(hit -> hit.id().value()).toList();
    }

    /** Returns the store sequence recorded in the index's newest commit, or 0 before the first one. */
    private long indexedSequence() throws IOException {
        Path index = directory.resolve("index");
        if (!Files.isDirectory(index)) {
            return 0;
        }
        try (Directory lucene = FSDirectory.open(index)) {
            // Reads the newest commit point, retrying if the writer replaces it meanwhile; no lock is needed.
            var userData = SegmentInfos.readLatestCommit(lucene).getUserData();
            return Long.parseLong(userData.getOrDefault(LucenePartitionWriter.SEQUENCE_KEY, "0"));
        } catch (NoSuchFileException | IndexNotFoundException e) {
            return 0;
        }
    }

    private static void read(String line, Process child, Map<String, String> markers) throws IOException {
        if (line == null || !line.startsWith("ACK ")) {
            throw new IOException("Unexpected output from the child (alive: " + child.isAlive() + "): " + line);
        }
        String[] parts = line.split(" ");
        markers.put(parts[1], parts[2]);
    }

    /**
     * The test JVM's classes, for the child's class path: on the module path (how these tests run) the library and its
     * dependencies are on {@code jdk.module.path}, the test classes and test dependencies on the class path.
     */
    private static String childClassPath() {
        String modulePath = System.getProperty("jdk.module.path", "");
        String classPath = System.getProperty("java.class.path");
        return modulePath.isEmpty() ? classPath : modulePath + java.io.File.pathSeparator + classPath;
    }
}
