package org.kcskb.bench.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.Feedback;
import org.kcskb.article.Flag;
import org.kcskb.article.FlagReason;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.SyntheticCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.health.CaseClosure;
import org.kcskb.health.HealthReport;
import org.kcskb.health.HealthRequest;
import org.kcskb.store.ArticleStores;
import org.kcskb.store.spi.ArticleStore;
import org.kcskb.store.spi.Mutation;
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
 * How long one content health report ({@link KnowledgeBase#health}) takes over a whole knowledge base: the synthetic
 * corpus's articles captured by 200 agents over a year (a fifth without an environment, so they fail a check), each
 * with 0 to 4 case links, a third with a flag (half resolved), 0 to 3 feedback votes, and 10,000 closed cases; the
 * report covers the last 30 days with 20 teams of 10 agents and lists the 100 articles that need work most.
 *
 * <p>Run, from the repository root, after {@code ./mvnw -pl kb-bench -am package -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar HealthReportBenchmark -p store=memory
 * java -jar kb-bench/target/kb-bench.jar HealthReportBenchmark -p store=h2 -p articles=100000
 * KB_BENCH_POSTGRES_URL='jdbc:postgresql://localhost:5432/kb?user=kb&amp;password=kb' \
 *     java -jar kb-bench/target/kb-bench.jar HealthReportBenchmark -p store=postgres
 * </pre>
 *
 * <p>{@code store=postgres} loads the corpus into a fresh schema of that database and drops it afterwards.
 *
 * <p>The corpus is written through the store SPI in commits of 500 articles, not through the API, so that setting up
 * 100,000 articles takes seconds; the report itself runs through the public API with a fixed clock.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@State(Scope.Benchmark)
public class HealthReportBenchmark {
    static final long CORPUS_SEED = 42;
    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    static final int AGENTS = 200;
    static final int CASES = 10_000;

    @Param({"100000"})
    int articles;

    @Param({"memory", "h2"})
    String store;

    private KnowledgeBase kb;
    private Path directory;
    private String postgresUrl;
    private String schema;
    private final Actor coach = Actor.publisher("coach-1");
    private HealthRequest request;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ArticleStore target =
                switch (store) {
                    case "memory" -> ArticleStores.inMemory();
                    case "h2" -> {
                        directory = Files.createTempDirectory("kb-health-bench");
                        yield ArticleStores.h2(directory);
                    }
                    case "postgres" -> {
                        String url = System.getenv("KB_BENCH_POSTGRES_URL");
                        if (url == null || url.isBlank()) {
                            throw new IllegalArgumentException(
                                    "store=postgres needs KB_BENCH_POSTGRES_URL, a JDBC URL"
                                            + " with user and password, e.g. jdbc:postgresql://localhost:5432/kb?user=kb&password=kb");
                        }
                        postgresUrl = url.strip();
                        schema = "kb_health_bench_" + System.nanoTime();
                        try (Connection c = DriverManager.getConnection(postgresUrl);
                                Statement statement = c.createStatement()) {
                            statement.execute("CREATE SCHEMA " + schema);
                        } catch (SQLException e) {
                            throw new IllegalStateException("Could not create schema " + schema + ": " + e, e);
                        }
                        yield ArticleStores.postgres(
                                postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                                "",
                                "");
                    }
                    default ->
                        throw new IllegalArgumentException(
                                "Unknown store '" + store + "'; valid: memory, h2, postgres");
                };
        List<ArticleId> ids = fill(target, SyntheticCorpus.articles(CORPUS_SEED, articles));
        closeCases(target, ids);
        kb = KnowledgeBase.builder()
                .store(target)
                .withoutSearch()
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        var builder = HealthRequest.builder().last(Duration.ofDays(30)).articleLimit(100);
        for (int team = 0; team < 20; team++) {
            Set<String> members = new HashSet<>();
            for (int member = 0; member < 10; member++) {
                members.add(agent(team * 10 + member));
            }
            builder.team("team-" + team, members);
        }
        request = builder.build();
        HealthReport first = kb.health(coach, request);
        if (first.articleCount() != articles || first.cases().closed() == 0) {
            throw new IllegalStateException("The report counted " + first.articleCount() + " articles and "
                    + first.cases().closed() + " cases; expected " + articles + " and some");
        }
    }

    private static String agent(int n) {
        return "agent-" + n;
    }

    private static List<ArticleId> fill(ArticleStore target, List<CorpusArticle> corpus) {
        var random = new Random(CORPUS_SEED);
        var ids = new ArrayList<ArticleId>(corpus.size());
        var batch = new ArrayList<Mutation>();
        ArticleState[] states = {ArticleState.WORK_IN_PROGRESS, ArticleState.NOT_VALIDATED, ArticleState.VALIDATED};
        for (int i = 0; i < corpus.size(); i++) {
            ArticleContent content = CorpusLoader.draft(corpus.get(i)).content();
            if (random.nextInt(5) == 0) {
                content = content.withEnvironment(Environment.empty());
            }
            ArticleState state = content.hasResolution() ? states[random.nextInt(3)] : ArticleState.WORK_IN_PROGRESS;
            String author = agent(random.nextInt(AGENTS));
            Instant created = NOW.minus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
            ArticleId id = target.allocateId();
            ids.add(id);
            batch.add(new Mutation.AppendRevision(new Revision(
                    id,
                    1,
                    content,
                    state,
                    Audience.values()[random.nextInt(3)],
                    Optional.empty(),
                    Actor.contributor(author),
                    created,
                    RevisionKind.CAPTURED,
                    "")));
            long age = Duration.between(created, NOW).toMinutes();
            for (int link = random.nextInt(5); link > 0; link--) {
                batch.add(new Mutation.PutLink(new CaseLink(
                        id,
                        CaseId.of("C-" + i + "-" + link),
                        LinkType.RESOLUTION,
                        1,
                        agent(random.nextInt(AGENTS)),
                        created.plus(Duration.ofMinutes(random.nextLong(age + 1))))));
            }
            if (random.nextInt(3) == 0) {
                Instant raised = created.plus(Duration.ofMinutes(random.nextLong(age + 1)));
                var flag = new Flag(
                        "F-" + i,
                        id,
                        FlagReason.INCOMPLETE,
                        "",
                        agent(random.nextInt(AGENTS)),
                        raised,
                        Optional.empty());
                long left = Duration.between(raised, NOW).toMinutes();
                batch.add(new Mutation.PutFlag(
                        random.nextBoolean()
                                ? flag
                                : flag.resolve(
                                        author, raised.plus(Duration.ofMinutes(random.nextLong(left + 1))), "")));
            }
            for (int vote = random.nextInt(4); vote > 0; vote--) {
                batch.add(new Mutation.AddFeedback(new Feedback(
                        "B-" + i + "-" + vote,
                        id,
                        random.nextBoolean(),
                        "",
                        "public",
                        created.plus(Duration.ofMinutes(random.nextLong(age + 1))))));
            }
            if ((i + 1) % 500 == 0 || i == corpus.size() - 1) {
                target.commit(List.copyOf(batch));
                batch.clear();
            }
        }
        return ids;
    }

    /** Closed cases of the last 60 days, two thirds linked to one article (a tenth of those new). */
    private static void closeCases(ArticleStore target, List<ArticleId> ids) {
        var random = new Random(CORPUS_SEED + 1);
        for (int c = 0; c < CASES; c++) {
            Instant closed = NOW.minus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 60)));
            Instant opened = closed.minus(Duration.ofHours(1 + random.nextInt(72)));
            List<ArticleId> linked = random.nextInt(3) == 0 ? List.of() : List.of(ids.get(random.nextInt(ids.size())));
            List<ArticleId> captured = !linked.isEmpty() && random.nextInt(10) == 0 ? linked : List.of();
            target.putCaseClosure(new CaseClosure(
                    CaseId.of("CASE-" + c), agent(random.nextInt(AGENTS)), opened, closed, linked, captured));
        }
    }

    @Benchmark
    public HealthReport report() {
        return kb.health(coach, request);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, SQLException {
        kb.close();
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(postgresUrl);
                    Statement statement = c.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> {
                    try {
                        Files.delete(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
