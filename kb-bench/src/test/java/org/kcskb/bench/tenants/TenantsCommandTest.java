package org.kcskb.bench.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kcskb.bench.tenants.TenantsCommand.Measurement;
import org.kcskb.bench.tenants.TenantsCommand.Store;

class TenantsCommandTest {
    /** The most threads of kb-core's shared pool (KnowledgeBase.sharedScheduler()), whatever the number of cores. */
    private static final int SHARED_POOL_MAX = 8;

    @Test
    void twentyKnowledgeBases_addNoThreadsBeyondTheSharedPool_andCloseGivesEveryThreadBack() {
        TenantsCommand.warmUp(Store.MEMORY, 2);
        Measurement one = TenantsCommand.measure(Store.MEMORY, 1, 2);
        Measurement twenty = TenantsCommand.measure(Store.MEMORY, 20, 2);

        // The knowledge base's own background work (analytics, retention, learning) and its index followers run on
        // the shared pool: no thread per knowledge base or per index partition.
        assertThat(twenty.threadGrowth())
                .doesNotContainKeys("kcskb-search-analytics", "kb-retention", "kb-index-follower");
        assertThat(twenty.kbCoreThreadGrowth()).isLessThanOrEqualTo(SHARED_POOL_MAX);
        // Besides the shared pool only JVM-wide pools may show up (the common fork-join pool, which Caffeine's
        // maintenance uses), and Lucene merges, which end.
        assertThat(twenty.threadGrowth().keySet())
                .as("threads started with 20 knowledge bases open: %s", twenty.threadGrowth())
                .allMatch(name -> name.startsWith(TenantsCommand.KB_CORE_THREADS)
                        || TenantsCommand.JVM_WIDE.contains(name)
                        || name.equals("Lucene Merge Thread"));

        assertThat(one.leftAfterClose()).isEmpty();
        assertThat(twenty.leftAfterClose()).isEmpty();
        assertThat(twenty.openMillisPerKb()).isPositive();
    }

    @Test
    void threadNames_areGroupedWithoutTheirNumbersAndPaths() {
        assertThat(TenantsCommand.group("kcskb-background-3")).isEqualTo("kcskb-background");
        assertThat(TenantsCommand.group("kb-index-follower")).isEqualTo("kb-index-follower");
        assertThat(TenantsCommand.group("MVStore background writer nio:/tmp/kb-tenants1/tenant-7/store/kb.mv.db"))
                .isEqualTo("MVStore background writer");
        assertThat(TenantsCommand.group("Lucene Merge Thread #12")).isEqualTo("Lucene Merge Thread");
    }

    @Test
    void badArguments_nameTheValidOnes() {
        var err = new ByteArrayOutputStream();
        var out = new ByteArrayOutputStream();

        int code = TenantsCommand.run(
                List.of("--store", "postgres"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int counts = TenantsCommand.run(
                List.of("--counts", "1,0"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(counts).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("valid: memory, h2")
                .contains("--counts takes positive whole numbers");
    }
}
