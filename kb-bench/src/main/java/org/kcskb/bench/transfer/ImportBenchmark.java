package org.kcskb.bench.transfer;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Licence;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.RevisionKind;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.SyntheticCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.transfer.ArticleImport;
import org.kcskb.transfer.ImportReport;
import org.kcskb.transfer.TransferArticle;
import org.kcskb.transfer.TransferListener;
import org.kcskb.transfer.TransferRevision;
import org.kcskb.transfer.json.ArticleJsonLines;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk import throughput: {@code articles} JSON lines (each a captured revision and a validated, public one, with a
 * case link, from the synthetic corpus) parsed and imported into an empty store, as {@code kb import} does. Search is
 * off: the figure is the store's (the index follows the change feed afterwards, as for any write). One operation is
 * the whole import; articles per second = {@code articles} / the time.
 *
 * <p>Run, from the repository root, after {@code ./mvnw -pl kb-bench -am package -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar ImportBenchmark -p store=h2
 * java -Dkb.bench.postgres.url='jdbc:postgresql://localhost:5432/kbtest?user=kb&amp;password=kb' \
 *     -jar kb-bench/target/kb-bench.jar ImportBenchmark
 * </pre>
 *
 * <p>Each import goes into a new H2 directory or PostgreSQL schema, deleted afterwards; the PostgreSQL variant needs
 * {@code kb.bench.postgres.url} as {@code StoreWriteBenchmark} does.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ImportBenchmark {
    @Param({"h2", "postgres"})
    public String store;

    @Param({"100000"})
    public int articles;

    private String lines;
    private KnowledgeBase kb;
    private Path directory;
    private String postgresUrl;
    private String schema;

    @Setup(Level.Trial)
    public void writeLines() {
        List<Draft> drafts = CorpusLoader.drafts(SyntheticCorpus.articles(BenchmarkCorpus.CORPUS_SEED, 2_000));
        var text = new StringBuilder(articles * 1_200);
        Instant t0 = Instant.parse("2024-01-01T08:00:00Z");
        for (int i = 0; i < articles; i++) {
            Draft draft = drafts.get(i % drafts.size());
            var author = new Actor("agent-" + (i % 50), Licence.CONTRIBUTOR);
            var captured = new TransferRevision(
                    draft.content(),
                    ArticleState.NOT_VALIDATED,
                    Audience.INTERNAL,
                    Optional.empty(),
                    author,
                    t0.plusSeconds(i * 60L),
                    RevisionKind.CAPTURED,
                    "");
            var published = new TransferRevision(
                    draft.content(),
                    ArticleState.VALIDATED,
                    Audience.PUBLIC,
                    Optional.empty(),
                    new Actor("publisher-" + (i % 5), Licence.PUBLISHER),
                    t0.plusSeconds(i * 60L + 3_600),
                    RevisionKind.REVISED,
                    "validated");
            var link = new org.kcskb.transfer.TransferLink(
                    org.kcskb.article.CaseId.of("CASE-" + i),
                    org.kcskb.article.LinkType.RESOLUTION,
                    1,
                    author.id(),
                    t0.plusSeconds(i * 60L));
            text.append(ArticleJsonLines.format(new TransferArticle(
                            String.format("SRC-%07d", i),
                            List.of(captured, published),
                            List.of(link),
                            List.of(),
                            List.of())))
                    .append('\n');
        }
        lines = text.toString();
    }

    @Setup(Level.Iteration)
    public void open() throws IOException, SQLException {
        kb = KnowledgeBase.builder().store(openStore()).withoutSearch().build();
    }

    private ArticleStore openStore() throws IOException, SQLException {
        switch (store) {
            case "h2" -> {
                directory = Files.createTempDirectory("kb-import-bench");
                return ArticleStores.h2(directory);
            }
            case "postgres" -> {
                postgresUrl = System.getProperty("kb.bench.postgres.url", "").strip();
                if (postgresUrl.isEmpty()) {
                    throw new IllegalStateException("The postgres variant needs -Dkb.bench.postgres.url="
                            + "jdbc:postgresql://localhost:5432/kbtest?user=kb&password=kb before -jar;"
                            + " or run only H2 with -p store=h2");
                }
                schema = "kb_bench_" + UUID.randomUUID().toString().replace("-", "");
                execute(postgresUrl, "CREATE SCHEMA " + schema);
                String url = postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                return ArticleStores.postgres(url, "", "");
            }
            default ->
                throw new IllegalArgumentException(
                        "Unknown store '" + store + "'; valid: h2, postgres (-p store=h2,postgres)");
        }
    }

    @Benchmark
    public ImportReport importAll() {
        try (ArticleImport run =
                kb.startImport(Actor.administrator("bench"), OptionalLong.of(articles), TransferListener.none())) {
            ImportReport report = ArticleJsonLines.read(new StringReader(lines), run);
            if (report.created() != articles) {
                throw new IllegalStateException("Imported " + report.created() + " of " + articles + ": "
                        + report.failures().stream().limit(3).toList());
            }
            return report;
        }
    }

    @TearDown(Level.Iteration)
    public void close() throws IOException, SQLException {
        kb.close();
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            directory = null;
        }
        if (schema != null) {
            execute(postgresUrl, "DROP SCHEMA " + schema + " CASCADE");
            schema = null;
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
