package org.kcskb.bench.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.Update;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.SyntheticCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
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
 * Durable write throughput of the shipped persistent stores through the public API: {@code capture} is new
 * articles per second ({@code allocateId} plus one commit), {@code revise} is revisions per second of an existing
 * article ({@link KnowledgeBase#update}). Search is off, so only the store and the Solve Loop checks are measured;
 * every operation is an acknowledged commit (H2: written to the file; PostgreSQL: WAL flushed).
 *
 * <p>Run, from the repository root, after {@code ./mvnw -pl kb-bench -am package -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar StoreWriteBenchmark -p store=h2
 * java -Dkb.bench.postgres.url='jdbc:postgresql://localhost:5432/kbtest?user=kb&amp;password=kb' \
 *     -jar kb-bench/target/kb-bench.jar StoreWriteBenchmark
 * </pre>
 *
 * <p>The {@code postgres} variant needs {@code kb.bench.postgres.url}, a JDBC URL with credentials whose role may
 * create schemas; JMH passes the launcher's {@code -D} options to its forks. Each trial writes into a new schema
 * that is dropped afterwards. H2 writes into a temporary directory, deleted afterwards. Add {@code -t 4} for
 * concurrent writers: each thread revises its own article.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StoreWriteBenchmark {
    /** The system property with the PostgreSQL JDBC URL, user and password included. */
    public static final String POSTGRES_URL_PROPERTY = "kb.bench.postgres.url";

    /** The knowledge base under test, shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class Store {
        @Param({"h2", "postgres"})
        public String store;

        KnowledgeBase kb;
        List<ArticleContent> contents;
        final Actor actor = Actor.administrator("bench");

        private Path directory;
        private String postgresUrl;
        private String schema;

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            contents = CorpusLoader.drafts(SyntheticCorpus.articles(BenchmarkCorpus.CORPUS_SEED, 1_000)).stream()
                    .map(Draft::content)
                    .toList();
            kb = KnowledgeBase.builder().store(openStore()).withoutSearch().build();
        }

        private ArticleStore openStore() throws IOException, SQLException {
            switch (store) {
                case "h2" -> {
                    directory = Files.createTempDirectory("kb-store-bench");
                    return ArticleStores.h2(directory);
                }
                case "postgres" -> {
                    postgresUrl = System.getProperty(POSTGRES_URL_PROPERTY, "").strip();
                    if (postgresUrl.isEmpty()) {
                        throw new IllegalStateException("The postgres variant needs -D" + POSTGRES_URL_PROPERTY
                                + "=jdbc:postgresql://localhost:5432/kbtest?user=kb&password=kb before -jar;"
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

        @TearDown(Level.Trial)
        public void close() throws IOException, SQLException {
            kb.close();
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(StoreWriteBenchmark::delete);
                }
            }
            if (schema != null) {
                execute(postgresUrl, "DROP SCHEMA " + schema + " CASCADE");
            }
        }

        private static void execute(String url, String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /** One article per benchmark thread, so that concurrent revisers do not conflict. */
    @State(Scope.Thread)
    public static class Writer {
        ArticleId article;
        int revision;
        int next;

        @Setup(Level.Trial)
        public void capture(Store store) {
            Article captured = store.kb.capture(store.actor, Draft.of(store.contents.getFirst()));
            article = captured.id();
            revision = captured.revision();
        }
    }

    @Benchmark
    public ArticleId capture(Store store, Writer writer) {
        ArticleContent content = store.contents.get(writer.next++ % store.contents.size());
        return store.kb.capture(store.actor, Draft.of(content)).id();
    }

    @Benchmark
    public int revise(Store store, Writer writer) {
        // A different resolution each time: an update that changes nothing writes nothing.
        int n = writer.next++;
        ArticleContent content = store.contents.get(n % store.contents.size());
        Update update = Update.of(writer.revision).content(content.withResolution(content.resolution() + " #" + n));
        writer.revision = store.kb.update(store.actor, writer.article, update).revision();
        return writer.revision;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
