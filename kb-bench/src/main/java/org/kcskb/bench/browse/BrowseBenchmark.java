package org.kcskb.bench.browse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.actor.Viewer;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.article.CaseId;
import org.kcskb.article.CaseLink;
import org.kcskb.article.Environment;
import org.kcskb.article.LinkType;
import org.kcskb.article.Revision;
import org.kcskb.article.RevisionKind;
import org.kcskb.browse.BrowseRequest;
import org.kcskb.browse.QueueSettings;
import org.kcskb.browse.WorkQueue;
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
 * The Evolve Loop's listings over a large knowledge base: one page of 50 (or the counts) of what a coach asks for,
 * through the public API ({@link KnowledgeBase#browse}, {@link KnowledgeBase#counts}, {@link KnowledgeBase#queue}),
 * per store. The store answers these, not the search index, so the figure is the store's: the in-memory store
 * scans its heads, the H2 store runs one statement (ordered and cut in SQL for the updated, created and id sorts).
 *
 * <p>{@code listing}: {@code updated} (everything by last change), {@code publish} (the publish queue: not validated
 * and reused at least the threshold), {@code product-stale} (the stale validated articles of one product),
 * {@code product-last-reused} (one product by last reuse), {@code counts} (per state and audience), {@code
 * public-updated} (the anonymous public's listing). The knowledge base holds {@code articles} articles spread over
 * the states, audiences, 20 products and 50 authors, three in seven linked to
 * cases.
 *
 * <p>Run, from the repository root, after {@code ./mvnw -pl kb-bench -am package -DskipTests}:
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar BrowseBenchmark -p articles=100000
 * </pre>
 *
 * <p>The H2 store is loaded once per size into {@code $TMPDIR/kb-browse-bench-h2-<articles>-v1} and kept for later
 * trials and runs; delete it to load again.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class BrowseBenchmark {
    /** The instant the synthetic articles start at; the clock stands a year after it. */
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Param({"memory", "h2"})
    public String store;

    @Param({"100000"})
    public int articles;

    @Param({"updated", "publish", "product-stale", "product-last-reused", "counts", "public-updated"})
    public String listing;

    private KnowledgeBase kb;
    private Path directory;
    private final Viewer coach = Viewer.agent(Actor.publisher("coach"));

    @Setup(Level.Trial)
    public void open() throws IOException {
        if (!listings().contains(listing)) {
            throw new IllegalArgumentException(
                    "Unknown listing '" + listing + "'; valid: " + String.join(", ", listings()));
        }
        ArticleStore articleStore;
        if (store.equals("h2")) {
            // Loaded once and kept for the next trials (each listing is a trial of its own, in a fork of its own);
            // named
            // after the schema version, so that a jar of an older schema never finds a store migrated past it.
            directory = Path.of(System.getProperty("java.io.tmpdir"), "kb-browse-bench-h2-" + articles + "-schema12");
            Path complete = directory.resolve("complete");
            boolean loaded = Files.exists(complete);
            articleStore = ArticleStores.h2(directory);
            if (!loaded) {
                load(articleStore, articles);
                Files.writeString(complete, "loaded by BrowseBenchmark");
            }
        } else if (store.equals("memory")) {
            articleStore = ArticleStores.inMemory();
            load(articleStore, articles);
        } else {
            throw new IllegalArgumentException("Unknown store '" + store + "'; valid: memory, h2 (-p store=memory,h2)");
        }
        kb = KnowledgeBase.builder()
                .store(articleStore)
                .withoutSearch()
                .clock(Clock.fixed(START.plusSeconds(365L * 24 * 3600), ZoneOffset.UTC))
                .build();
        if (run() == 0 && !listing.equals("counts")) {
            throw new IllegalStateException("the listing " + listing + " is empty: nothing would be measured");
        }
    }

    /**
     * Writes {@code n} articles straight into the store, in commits of 1,000: states and audiences in turn, 20
     * products, 50 authors, one revision each, spread over 100,000 minutes, three in seven articles linked to one to five
     * cases.
     */
    static void load(ArticleStore store, int n) {
        ArticleState[] states = ArticleState.values();
        Audience[] audiences = Audience.values();
        var batch = new ArrayList<Mutation>();
        for (int i = 0; i < n; i++) {
            ArticleId id = store.allocateId();
            var content = new ArticleContent(
                    "Artikel " + i,
                    "Problem " + i,
                    new Environment(Map.of("product", "P" + (i / 4) % 20), ""),
                    "Lösung",
                    "",
                    Locale.GERMAN,
                    Set.of("t" + (i % 7)));
            Instant at = START.plusSeconds(60L * i * 100_000 / Math.max(n, 1));
            batch.add(new Mutation.AppendRevision(new Revision(
                    id,
                    1,
                    content,
                    states[i % states.length],
                    audiences[i % audiences.length],
                    Optional.empty(),
                    Actor.contributor("author-" + (i % 50)),
                    at,
                    RevisionKind.CAPTURED,
                    "")));
            int links = i % 7 < 3 ? 1 + (i / 7) % 5 : 0;
            for (int link = 0; link < links; link++) {
                batch.add(new Mutation.PutLink(
                        new CaseLink(id, CaseId.of("C" + i + "-" + link), LinkType.RESOLUTION, 1, "agent", at)));
            }
            if (batch.size() >= 1000) {
                store.commit(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.commit(batch);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        kb.close();
    }

    /** Deletes the H2 store kept for later trials (tests; a benchmark run leaves it in the temporary directory). */
    void deleteStore() throws IOException {
        if (directory != null && Files.exists(directory)) {
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

    /** One listing: returns the number of articles it listed or counted (consumed by JMH). */
    @Benchmark
    public long run() {
        return switch (listing) {
            case "updated" ->
                kb.browse(coach, BrowseRequest.builder().limit(50).build())
                        .items()
                        .size();
            case "publish" -> kb.queue(coach, WorkQueue.PUBLISH).items().size();
            case "product-stale" ->
                kb.queue(
                                coach,
                                WorkQueue.STALE_VALIDATED,
                                QueueSettings.defaults(),
                                WorkQueue.STALE_VALIDATED
                                        .request()
                                        .product("P3")
                                        .build())
                        .items()
                        .size();
            case "product-last-reused" ->
                kb.browse(
                                coach,
                                BrowseRequest.builder()
                                        .product("P3")
                                        .sort(BrowseRequest.Sort.LAST_REUSED, true)
                                        .limit(50)
                                        .build())
                        .items()
                        .size();
            case "counts" -> kb.counts(coach).total();
            case "public-updated" ->
                kb.browse(Viewer.anonymous(), BrowseRequest.builder().limit(50).build())
                        .items()
                        .size();
            default ->
                throw new IllegalArgumentException("Unknown listing '" + listing
                        + "'; valid: updated, publish, product-stale, product-last-reused, counts, public-updated");
        };
    }

    /** The listings, for tests: each must list something over a small knowledge base. */
    static List<String> listings() {
        return List.of("updated", "publish", "product-stale", "product-last-reused", "counts", "public-updated");
    }
}
