package org.kcskb.bench.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kcskb.bench.tenants.TenantsCommand.Engine;
import org.kcskb.bench.tenants.TenantsCommand.Measurement;
import org.kcskb.bench.tenants.TenantsCommand.Options;
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
    void twentyKnowledgeBasesInOneH2Database_addOnlyThatDatabasesThreads() {
        TenantsCommand.warmUp(Store.H2_SCHEMAS, 2);
        Measurement twenty = TenantsCommand.measure(Store.H2_SCHEMAS, 20, 2);

        // One database for all: its threads (a background writer and the two it starts) once, not per tenant.
        int h2 = twenty.threadGrowth().entrySet().stream()
                .filter(e -> !e.getKey().startsWith(TenantsCommand.KB_CORE_THREADS)
                        && !TenantsCommand.JVM_WIDE.contains(e.getKey())
                        && !e.getKey().equals("Lucene Merge Thread"))
                .mapToInt(java.util.Map.Entry::getValue)
                .sum();
        assertThat(h2)
                .as("threads besides the shared pool: %s", twenty.threadGrowth())
                .isLessThanOrEqualTo(3);
        assertThat(twenty.opened()).isEqualTo(20);
        assertThat(twenty.leftAfterClose()).isEmpty();
    }

    @Test
    void postgresStore_needsItsUrl_andOnlyWithIt() {
        assertThatThrownBy(() -> Options.parse(List.of("--store", "postgres")))
                .hasMessageContaining("--store postgres needs --postgres-url");
        assertThatThrownBy(() -> Options.parse(List.of("--postgres-url", "jdbc:postgresql://localhost/kb")))
                .hasMessageContaining("--postgres-url applies to --store postgres only");
        assertThatThrownBy(() -> Options.parse(List.of("--store", "postgres", "--postgres-url", "localhost/kb")))
                .hasMessageContaining("takes a JDBC URL");
        Options options =
                Options.parse(List.of("--store", "h2-schemas,postgres", "--postgres-url", "jdbc:postgresql://db/kb"));
        assertThat(options.stores()).containsExactly(Store.H2_SCHEMAS, Store.POSTGRES);
        assertThat(options.postgresUrl()).hasValue("jdbc:postgresql://db/kb");
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
                List.of("--store", "mongodb"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int counts = TenantsCommand.run(
                List.of("--counts", "1,0"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(counts).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("valid: memory, h2, h2-schemas, postgres")
                .contains("--counts takes positive whole numbers");
    }

    @Test
    void engine_defaultsToLucene_withoutAddresses() {
        Options options = Options.parse(List.of("--counts", "1,10", "--store", "memory"));

        assertThat(options.engine()).isEqualTo(Engine.LUCENE);
        assertThat(options.openSearchUrls()).isEmpty();
        assertThat(options.counts()).containsExactly(1, 10);
        assertThat(options.stores()).containsExactly(Store.MEMORY);
        assertThat(TenantsCommand.openSearch(options.openSearchUrls())).isEmpty();
    }

    @Test
    void openSearchEngine_takesCommaSeparatedAddresses() {
        Options options = Options.parse(
                List.of("--engine", "OpenSearch", "--opensearch-url", "http://127.0.0.1:9200, http://127.0.0.1:9201"));

        assertThat(options.engine()).isEqualTo(Engine.OPENSEARCH);
        assertThat(options.openSearchUrls()).containsExactly("http://127.0.0.1:9200", "http://127.0.0.1:9201");
        assertThat(TenantsCommand.openSearch(options.openSearchUrls()))
                .hasValueSatisfying(provider -> assertThat(provider.toString())
                        .contains("127.0.0.1:9201")
                        .contains(TenantsCommand.INDEX_PREFIX + "-*"));
    }

    @Test
    void openSearchOptions_areCheckedTogether() {
        assertThatThrownBy(() -> Options.parse(List.of("--engine", "opensearch")))
                .hasMessageContaining("--engine opensearch needs --opensearch-url");
        assertThatThrownBy(() -> Options.parse(List.of("--opensearch-url", "http://localhost:9200")))
                .hasMessageContaining("--opensearch-url applies to --engine opensearch only");
        assertThatThrownBy(() -> Options.parse(List.of("--engine", "solr")))
                .hasMessageContaining("valid: lucene, opensearch");
        assertThatThrownBy(() -> Options.parse(List.of("--engine", "opensearch", "--opensearch-url", "localhost")))
                .hasMessageContaining("url must be http:// or https://");
        assertThatThrownBy(() -> Options.parse(List.of("--engine")))
                .hasMessageContaining("Missing required parameter for option '--engine'");
    }

    @Test
    void badEngine_exitsWithUsageCode_andHelpNamesTheOptions() {
        var err = new ByteArrayOutputStream();
        var out = new ByteArrayOutputStream();

        int code = TenantsCommand.run(
                List.of("--engine", "opensearch"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int help = TenantsCommand.run(
                List.of("--help"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(help).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("tenants: --engine opensearch needs --opensearch-url");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--engine=NAME")
                .contains("--opensearch-url");
    }

    @Test
    void describe_givesEveryCauseWithItsType() {
        var e = new IllegalStateException("outer", new IllegalArgumentException("inner"));

        assertThat(TenantsCommand.describe(e))
                .isEqualTo("java.lang.IllegalStateException: outer\n      caused by java.lang.IllegalArgumentException:"
                        + " inner");
    }
}
