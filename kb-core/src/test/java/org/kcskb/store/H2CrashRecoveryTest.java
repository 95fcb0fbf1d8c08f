package org.kcskb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.StorageException;
import org.kcskb.article.ArticleId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Revision;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;

/**
 * Kills a process that is writing to an H2 store with SIGKILL and checks that every commit it acknowledged is
 * still there, whole, and that the store opens cleanly and takes new writes.
 */
class H2CrashRecoveryTest {
    /** How many acknowledgements to wait for before the kill; the child keeps writing meanwhile. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void sigkill_duringWrites_losesNoAcknowledgedCommit() throws Exception {
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElseThrow(),
                        "-Xmx256m",
                        "-cp",
                        childClassPath(),
                        H2CrashChild.class.getName(),
                        directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        var acknowledged = new ArrayList<ArticleId>();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("first line of the child").isEqualTo("READY");

            // While the child holds the store, nobody else may open it.
            assertThatThrownBy(() -> ArticleStores.h2(directory))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("another process has it open");

            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL) {
                acknowledged.add(parse(out.readLine(), child));
            }
            // SIGKILL on Linux: no shutdown hooks, no close; the child is in the middle of a write. Through the
            // handle, because Process.destroyForcibly() would also close our end of the pipe.
            assertThat(child.toHandle().destroyForcibly()).isTrue();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Lines the child printed before it died were acknowledged too.
            for (String line; (line = out.readLine()) != null; ) {
                acknowledged.add(parse(line, child));
            }
        } finally {
            child.destroyForcibly();
        }

        try (ArticleStore store = ArticleStores.h2(directory)) {
            for (ArticleId id : acknowledged) {
                List<Revision> revisions = store.revisions(id);
                assertThat(revisions).as("revisions of acknowledged %s", id).hasSize(1);
                assertThat(revisions.getFirst().content()).isEqualTo(H2CrashChild.contentOf(id));
                assertThat(store.links(id)).extracting(CaseLink::caseId).containsExactly(H2CrashChild.caseOf(id));
            }
            // The feed is whole: numbered without gaps, two entries per article, nothing torn.
            long last = store.lastSequence();
            assertThat(last).isGreaterThanOrEqualTo(2L * acknowledged.size()).isEven();
            var sequences = new ArrayList<Long>();
            for (long after = 0; after < last; ) {
                var page = store.changesAfter(after, 1000);
                page.forEach(c -> sequences.add(c.sequence()));
                after = page.getLast().sequence();
            }
            assertThat(sequences).hasSize((int) last).isSorted().doesNotHaveDuplicates();

            // New writes work, with an id that was never handed out before the crash.
            ArticleId fresh = store.allocateId();
            assertThat(acknowledged).doesNotContain(fresh);
            store.commit(List.of(new Mutation.AppendRevision(H2CrashChild.revision(fresh))));
            assertThat(store.article(fresh)).isPresent();
            assertThat(store.lastSequence()).isEqualTo(last + 1);
        }
    }

    private static ArticleId parse(String line, Process child) throws IOException {
        if (line == null || !line.startsWith("ACK ")) {
            throw new IOException("Unexpected output from the child (alive: " + child.isAlive() + "): " + line);
        }
        return ArticleId.of(line.substring(4));
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
