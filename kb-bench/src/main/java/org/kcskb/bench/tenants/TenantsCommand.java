package org.kcskb.bench.tenants;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.bench.Cli;
import org.kcskb.bench.Main;
import org.kcskb.bench.TemporaryDirectories;
import org.kcskb.opensearch.OpenSearchEngineProvider;
import org.kcskb.search.spi.SearchEngineProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code tenants} command: what each of many small knowledge bases in one JVM costs, as a help-desk product
 * that hosts one knowledge base per customer has them. For each count it opens that many knowledge bases (a few
 * articles each), then reports the time to open one, the heap each holds after garbage collection, and the live
 * threads, grouped by name; then it closes them all and reports whether the threads went back to where they were.
 *
 * <p>With {@code --engine opensearch} each knowledge base searches on an OpenSearch cluster instead (its own two
 * indices, under the prefix {@value #INDEX_PREFIX}); then the command also reports what the cluster holds for them
 * (indices, active shards, the nodes' heap, the HTTP connections to them), the time to close them all and the time to delete their indices, which
 * it does after each count so that counts do not add up on the cluster. A knowledge base that cannot be opened (the
 * cluster's shard limit, for one) ends the count: the command reports the error and measures those opened.
 *
 * <p>Not a JMH benchmark: threads and retained heap are states, measured once per count. The first knowledge base
 * of the JVM (class loading, the language model) is opened and closed before the counts and reported apart.
 */
@Command(
        name = "tenants",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
            "Open time, heap and threads of many small knowledge bases in one JVM.",
            "",
            "Opens N knowledge bases in this JVM for each count, each with a few articles, and prints per count: the"
                    + " time to open one, the heap each holds after garbage collection, the live threads with them"
                    + " open (and the growth per knowledge base, by thread name), and the live threads after closing"
                    + " them all. Threads of a shared database or pool count from the first knowledge base that opens"
                    + " it. Give it heap: java -Xmx6g -jar kb-bench.jar tenants."
        })
public final class TenantsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(
            names = "--counts",
            paramLabel = "N[,N...]",
            defaultValue = "1,100,1000",
            description = "how many knowledge bases to open, one run per count (default: ${DEFAULT-VALUE})")
    private String counts;

    @Option(
            names = "--store",
            paramLabel = "STORE[,...]",
            defaultValue = "memory,h2,h2-schemas",
            description = {
                "the stores (default: ${DEFAULT-VALUE}):",
                "memory: the in-memory store and index;",
                "h2: the embedded default, an H2 database and an index on disk per knowledge base;",
                "h2-schemas: one H2 database for all, a schema each (ArticleStores.h2(directory, schema)), an index"
                        + " on disk each;",
                "postgres: one PostgreSQL database and one HikariCP pool of 8 connections for all, a schema each"
                        + " (ArticleStores.postgres(dataSource, schema)), an index on disk each; needs"
                        + " --postgres-url; the schemas (kb_tenants_N) are dropped after each count"
            })
    private String stores;

    @Option(
            names = "--articles",
            paramLabel = "N",
            defaultValue = "3",
            description = "articles per knowledge base (default: ${DEFAULT-VALUE})")
    private String articles;

    @Option(
            names = "--engine",
            paramLabel = "NAME",
            defaultValue = "lucene",
            description = "the knowledge bases' search engine: lucene (embedded, the default) or opensearch")
    private String engine;

    @Option(
            names = "--opensearch-url",
            paramLabel = "URL[,URL...]",
            description = "the cluster's HTTP address(es), comma-separated, for --engine opensearch; each knowledge"
                    + " base gets indices kb-tenants-<store>-all-* and -public-* (1 shard, 1 replica), deleted"
                    + " again after each count. Also prints the indices and active shards they add on the cluster,"
                    + " the nodes' heap and HTTP connections, and the time to close them all and to delete their"
                    + " indices.")
    private String openSearchUrls;

    @Option(
            names = "--postgres-url",
            paramLabel = "JDBC-URL",
            description = "for --store postgres: a database where the user may create schemas, such as"
                    + " jdbc:postgresql://localhost:5432/kb?user=kb&password=kb")
    private String postgresUrl;

    @Option(
            names = "--refresh-ms",
            paramLabel = "N",
            description = "the knowledge bases' refresh interval (default 1000): each index partition polls the"
                    + " store's change feed every fifth of it")
    private String refreshMillis;

    private final PrintStream out;
    private final PrintStream err;

    TenantsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The command printing to the given streams. */
    public static TenantsCommand printingTo(PrintStream out, PrintStream err) {
        return new TenantsCommand(out, err);
    }

    /** The index prefix of the knowledge bases on OpenSearch; their indices differ by store. */
    static final String INDEX_PREFIX = "kb-tenants";

    /** Thread names that kb-core gives its threads: the shared background pool. */
    static final String KB_CORE_THREADS = "kcskb-";

    private static final Actor AUTHOR = Actor.administrator("tenants");
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    /** How long closed knowledge bases' threads (an H2 writer, a Lucene merge) may take to end. */
    private static final Duration THREADS_SETTLE = Duration.ofSeconds(15);

    /**
     * Threads of JVM-wide pools that come and go with any work (Caffeine's maintenance runs on the common pool, the
     * JDK's process reaper waits for child processes such as JMH forks in the same JVM): not the knowledge bases'
     * own.
     */
    static final Set<String> JVM_WIDE = Set.of("ForkJoinPool.commonPool-worker", "process reaper");

    private static final Pattern PATH_PART = Pattern.compile("\\s+\\S*[:/].*$");
    private static final Pattern NUMBER_SUFFIX = Pattern.compile("[-_ #]*\\d+$");

    /** Where the knowledge bases keep their articles. */
    enum Store {
        /** The in-memory store and an in-memory index. */
        MEMORY,
        /** The embedded default: an H2 store and the index on disk, in a directory of its own. */
        H2,
        /** One H2 database for all knowledge bases, a schema each; the index on disk, a directory each. */
        H2_SCHEMAS,
        /** One PostgreSQL database and one host pool for all, a schema each; the index on disk, a directory each. */
        POSTGRES;

        static Store parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "memory" -> MEMORY;
                case "h2" -> H2;
                case "h2-schemas" -> H2_SCHEMAS;
                case "postgres" -> POSTGRES;
                default ->
                    throw new IllegalArgumentException(
                            "unknown store \"" + text + "\"; valid: memory, h2, h2-schemas, postgres");
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Where the knowledge bases search. */
    enum Engine {
        /** The embedded Lucene index (in memory or on disk, as the store). */
        LUCENE,
        /** An OpenSearch cluster, two indices per knowledge base. */
        OPENSEARCH;

        static Engine parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "lucene" -> LUCENE;
                case "opensearch" -> OPENSEARCH;
                default ->
                    throw new IllegalArgumentException("unknown engine \"" + text + "\"; valid: lucene, opensearch");
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The command's options.
     *
     * @param openSearchUrls the cluster's addresses, for {@link Engine#OPENSEARCH} (empty otherwise)
     */
    record Options(
            List<Integer> counts,
            List<Store> stores,
            int articles,
            Engine engine,
            List<String> openSearchUrls,
            Optional<String> postgresUrl,
            Optional<Duration> refreshInterval) {

        /** How the knowledge bases of {@code store} keep their articles, with these options. */
        Tenancy tenancy(Store store) {
            return new Tenancy(store, postgresUrl, refreshInterval);
        }

        /**
         * Parses the arguments after {@code tenants} as the command does.
         *
         * @throws picocli.CommandLine.ParameterException naming the bad argument or value
         */
        static Options parse(List<String> args) {
            return Cli.parse(new TenantsCommand(System.out, System.err), args).options();
        }
    }

    /** The options the command line gave, checked. */
    Options options() {
        try {
            return check();
        } catch (IllegalArgumentException e) {
            throw Cli.usageError(spec, e.getMessage());
        }
    }

    private Options check() {
        List<Integer> counts = Stream.of(this.counts.split(","))
                .map(c -> positive("--counts", c))
                .toList();
        List<Store> stores = Stream.of(this.stores.split(",")).map(Store::parse).toList();
        int articles = positive("--articles", this.articles);
        Engine engine = Engine.parse(this.engine);
        List<String> urls = openSearchUrls == null
                ? List.of()
                : Stream.of(openSearchUrls.split(","))
                        .map(String::strip)
                        .filter(u -> !u.isEmpty())
                        .toList();
        Optional<String> postgresUrl = Optional.ofNullable(this.postgresUrl).map(String::strip);
        Optional<Duration> refresh =
                Optional.ofNullable(refreshMillis).map(ms -> Duration.ofMillis(positive("--refresh-ms", ms)));
        if (engine == Engine.OPENSEARCH && urls.isEmpty()) {
            throw new IllegalArgumentException(
                    "--engine opensearch needs --opensearch-url, such as http://localhost:9200");
        }
        if (engine != Engine.OPENSEARCH && !urls.isEmpty()) {
            throw new IllegalArgumentException("--opensearch-url applies to --engine opensearch only");
        }
        if (engine == Engine.OPENSEARCH) {
            openSearch(urls); // Checks the addresses as the engine will.
        }
        if (stores.contains(Store.POSTGRES) != postgresUrl.isPresent()) {
            throw new IllegalArgumentException(
                    postgresUrl.isPresent()
                            ? "--postgres-url applies to --store postgres only"
                            : "--store postgres needs --postgres-url, such as"
                                    + " jdbc:postgresql://localhost:5432/kb?user=kb&password=kb");
        }
        if (postgresUrl.isPresent() && !postgresUrl.get().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "--postgres-url takes a JDBC URL such as jdbc:postgresql://localhost:5432/kb, was \""
                            + postgresUrl.get() + "\"");
        }
        return new Options(counts, stores, articles, engine, urls, postgresUrl, refresh);
    }

    /** The engine provider of every knowledge base, or empty for the embedded one. */
    static Optional<SearchEngineProvider> openSearch(List<String> urls) {
        if (urls.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(OpenSearchEngineProvider.builder()
                .urls(urls)
                .indexPrefix(INDEX_PREFIX)
                .requestTimeout(Duration.ofMinutes(2))
                .build());
    }

    /**
     * What the knowledge bases of one count hold on the OpenSearch cluster.
     *
     * @param indices the indices under {@link #INDEX_PREFIX} they created
     * @param shards the growth of the cluster's active shards (primaries and replicas)
     * @param primaries the growth of its active primary shards
     * @param heapMiBBefore the heap used by the fullest node before, MiB (nodes of one JVM report the same heap)
     * @param heapMiBOpen the same with the knowledge bases open
     * @param connections the growth of the HTTP connections open on the nodes
     * @param deleteMillis the time to delete their indices after closing them
     */
    record ClusterFigures(
            int indices,
            int shards,
            int primaries,
            double heapMiBBefore,
            double heapMiBOpen,
            int connections,
            double deleteMillis) {}

    /**
     * What one count cost.
     *
     * @param threadsBefore live threads before the knowledge bases were opened
     * @param threadsOpen live threads with all of them open
     * @param threadGrowth the growth from {@code threadsBefore} to {@code threadsOpen} by thread name (numbers and
     *     paths taken off), largest first
     * @param threadsAfterClose live threads once all were closed and their threads had time to end
     * @param opened how many of {@code count} opened (fewer when one failed: {@code failure})
     * @param leftAfterClose the threads by name that were not there before and still are after closing; JVM-wide
     *     pools that other work may have started ({@link #JVM_WIDE}) are left out
     */
    record Measurement(
            Engine engine,
            Store store,
            int count,
            int opened,
            double openMillisPerKb,
            double heapMiBPerKb,
            int threadsBefore,
            int threadsOpen,
            Map<String, Integer> threadGrowth,
            double closeMillisPerKb,
            int threadsAfterClose,
            Map<String, Integer> leftAfterClose,
            Optional<ClusterFigures> cluster,
            Optional<String> failure) {

        /** The threads whose names kb-core gives (the shared pool), open minus before. */
        int kbCoreThreadGrowth() {
            return threadGrowth.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(KB_CORE_THREADS))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        /** The live threads added per knowledge base open. */
        double threadsPerKb() {
            return opened == 0 ? 0 : (threadsOpen - threadsBefore) / (double) opened;
        }

        String row() {
            String row = String.format(
                    Locale.ROOT,
                    "%-10s %-7s %6d %12.1f %12.2f %9d %9d %10.2f %12.1f %12.0f %9d",
                    engine,
                    store,
                    opened,
                    openMillisPerKb,
                    heapMiBPerKb,
                    threadsBefore,
                    threadsOpen,
                    threadsPerKb(),
                    closeMillisPerKb,
                    closeMillisPerKb * opened,
                    threadsAfterClose);
            return cluster.map(c -> row
                            + String.format(
                                    Locale.ROOT,
                                    " %8d %7d %7d %8.0f %8.0f %6d %10.0f",
                                    c.indices(),
                                    c.shards(),
                                    c.primaries(),
                                    c.heapMiBBefore(),
                                    c.heapMiBOpen(),
                                    c.connections(),
                                    c.deleteMillis()))
                    .orElse(row);
        }
    }

    /** Runs the command with the arguments after {@code tenants}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(new TenantsCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        Options options = options();
        Optional<SearchEngineProvider> engine = openSearch(options.openSearchUrls());
        Optional<ClusterProbe> probe =
                options.openSearchUrls().stream().findFirst().map(url -> new ClusterProbe(url, INDEX_PREFIX));
        var rows = new ArrayList<Measurement>();
        try {
            for (Store store : options.stores()) {
                double cold = warmUp(options.tenancy(store), options.articles(), engine, probe);
                out.printf(
                        Locale.ROOT,
                        "tenants: first knowledge base of the JVM (%s, %s) opened in %.0f ms%n",
                        options.engine(),
                        store,
                        cold);
                for (int count : options.counts()) {
                    out.println(
                            "tenants: opening " + count + " knowledge bases (" + options.engine() + ", " + store + ")");
                    Measurement m = measure(options.tenancy(store), count, options.articles(), engine, probe);
                    m.failure()
                            .ifPresent(f -> out.println(
                                    "tenants:   knowledge base " + (m.opened() + 1) + " failed to open: " + f));
                    out.println("tenants:   thread growth by name: " + m.threadGrowth());
                    if (!m.leftAfterClose().isEmpty()) {
                        out.println("tenants:   still running after closing all: " + m.leftAfterClose());
                    }
                    rows.add(m);
                }
            }
        } catch (OutOfMemoryError e) {
            err.println("tenants: out of heap; run java with a larger -Xmx");
            return 1;
        } catch (RuntimeException e) {
            err.println("tenants: " + e);
            rows.forEach(m -> err.println(m.row()));
            return 1;
        }
        out.println();
        String header = String.format(
                Locale.ROOT,
                "%-10s %-7s %6s %12s %12s %9s %9s %10s %12s %12s %9s",
                "engine",
                "store",
                "KBs",
                "open ms/KB",
                "heap MiB/KB",
                "thr.before",
                "thr.open",
                "thr./KB",
                "close ms/KB",
                "close ms",
                "thr.after");
        if (probe.isPresent()) {
            header += String.format(
                    Locale.ROOT,
                    " %8s %7s %7s %8s %8s %6s %10s",
                    "indices",
                    "shards",
                    "primary",
                    "cl.heap0",
                    "cl.heap",
                    "conns",
                    "delete ms");
        }
        out.println(header);
        rows.forEach(m -> out.println(m.row()));
        return 0;
    }

    private static int positive(String option, String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException(option + " takes positive whole numbers, was \"" + text + "\"");
    }

    /** Opens and closes one knowledge base, so that class loading and the language model count once; its ms. */
    static double warmUp(Store store, int articles) {
        return warmUp(
                new Tenancy(store, Optional.empty(), Optional.empty()), articles, Optional.empty(), Optional.empty());
    }

    static double warmUp(
            Tenancy tenancy, int articles, Optional<SearchEngineProvider> engine, Optional<ClusterProbe> probe) {
        Path root = TemporaryDirectories.create("kb-tenants");
        Set<String> indicesBefore = probe.map(ClusterProbe::indices).orElse(Set.of());
        try (Tenancy.Stores stores = tenancy.open(root)) {
            long start = System.nanoTime();
            KnowledgeBase kb = stores.knowledgeBase(0, engine);
            double millis = (System.nanoTime() - start) / 1e6;
            fill(kb, 0, articles);
            kb.close();
            return millis;
        } finally {
            TemporaryDirectories.delete(root);
            probe.ifPresent(p -> p.deleteIndicesBut(indicesBefore));
        }
    }

    /** Opens {@code count} knowledge bases, measures them, closes them. */
    static Measurement measure(Store store, int count, int articles) {
        return measure(
                new Tenancy(store, Optional.empty(), Optional.empty()),
                count,
                articles,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Opens {@code count} knowledge bases on {@code engine} (empty: the embedded one), measures them, closes them;
     * with a {@code probe}, also what they hold on the cluster, and deletes their indices at the end.
     */
    static Measurement measure(
            Tenancy tenancy,
            int count,
            int articles,
            Optional<SearchEngineProvider> engine,
            Optional<ClusterProbe> probe) {
        Path root = TemporaryDirectories.create("kb-tenants");
        var open = new ArrayList<KnowledgeBase>(count);
        Set<String> indicesBefore = probe.map(ClusterProbe::indices).orElse(Set.of());
        Store store = tenancy.store();
        Tenancy.Stores stores = tenancy.open(root);
        try {
            Optional<ClusterProbe.State> clusterBefore = probe.map(ClusterProbe::state);
            long heapBefore = heapAfterGc();
            Map<String, Integer> before = threadsByName();
            int threadsBefore = total(before);

            long openNanos = 0;
            Optional<String> failure = Optional.empty();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                try {
                    open.add(stores.knowledgeBase(i, engine));
                } catch (RuntimeException e) {
                    if (engine.isEmpty()) {
                        throw e;
                    }
                    failure = Optional.of(describe(e));
                    break;
                }
                openNanos += System.nanoTime() - start;
            }
            int opened = open.size();
            for (int i = 0; i < opened; i++) {
                fill(open.get(i), i, articles);
            }
            for (KnowledgeBase kb : open) {
                if (!kb.awaitSearchable(CATCH_UP)) {
                    throw new IllegalStateException("A knowledge base did not catch up in " + CATCH_UP + ": " + kb);
                }
            }
            long heapOpen = heapAfterGc();
            Map<String, Integer> threadsOpen = threadsByName();
            Optional<ClusterProbe.State> clusterOpen = probe.map(ClusterProbe::state);

            long closeStart = System.nanoTime();
            for (KnowledgeBase kb : open) {
                kb.close();
            }
            open.clear();
            // The shared database or pool closes with the last knowledge base, as a host would close it.
            stores.close();
            long closeNanos = System.nanoTime() - closeStart;
            Map<String, Integer> after = settledThreads(before);
            Optional<ClusterFigures> cluster = probe.map(p -> {
                ClusterProbe.State was = clusterBefore.orElseThrow();
                ClusterProbe.State is = clusterOpen.orElseThrow();
                long deleteStart = System.nanoTime();
                p.deleteIndicesBut(indicesBefore);
                double deleteMillis = (System.nanoTime() - deleteStart) / 1e6;
                return new ClusterFigures(
                        is.indices().size() - was.indices().size(),
                        is.activeShards() - was.activeShards(),
                        is.activePrimaries() - was.activePrimaries(),
                        was.heapUsedBytes() / 1048576.0,
                        is.heapUsedBytes() / 1048576.0,
                        is.httpConnections() - was.httpConnections(),
                        deleteMillis);
            });
            int per = Math.max(opened, 1);
            return new Measurement(
                    engine.isPresent() ? Engine.OPENSEARCH : Engine.LUCENE,
                    store,
                    count,
                    opened,
                    openNanos / 1e6 / per,
                    (heapOpen - heapBefore) / 1048576.0 / per,
                    threadsBefore,
                    total(threadsOpen),
                    growth(before, threadsOpen),
                    closeNanos / 1e6 / per,
                    total(after),
                    left(before, after),
                    cluster,
                    failure);
        } finally {
            open.forEach(KnowledgeBase::close);
            stores.close();
            TemporaryDirectories.delete(root);
            probe.ifPresent(p -> p.deleteIndicesBut(indicesBefore));
        }
    }

    /** The exception and its causes, each with its type, as a user of the library would see them. */
    static String describe(Throwable e) {
        var text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(text.isEmpty() ? "" : "\n      caused by ")
                    .append(t.getClass().getName())
                    .append(": ")
                    .append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }

    /** A few small published articles, different per tenant, in German and English. */
    private static void fill(KnowledgeBase kb, int tenant, int articles) {
        for (int a = 0; a < articles; a++) {
            var content = a % 2 == 0
                    ? ArticleContent.of(
                                    "Drucker " + tenant + "-" + a + " druckt nach dem Update nicht mehr",
                                    "Seit dem Windows-Update druckt der Drucker im Büro " + tenant + " nichts mehr")
                            .withResolution("Den Druckertreiber neu installieren und den Spooler neu starten")
                            .withLanguage(Locale.GERMAN)
                    : ArticleContent.of(
                                    "VPN " + tenant + "-" + a + " disconnects every few minutes",
                                    "The VPN client of office " + tenant + " drops the connection on Wi-Fi")
                            .withResolution("Turn off power saving for the wireless adapter")
                            .withLanguage(Locale.ENGLISH);
            kb.capture(
                    AUTHOR, Draft.of(content).withState(ArticleState.VALIDATED).withAudience(Audience.PUBLIC));
        }
    }

    /**
     * Waits until no thread is left that was not there {@code before} (JVM-wide pools aside), at most
     * {@link #THREADS_SETTLE}; returns the live threads by name.
     */
    private static Map<String, Integer> settledThreads(Map<String, Integer> before) {
        long deadline = System.nanoTime() + THREADS_SETTLE.toNanos();
        Map<String, Integer> live = threadsByName();
        while (!left(before, live).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            live = threadsByName();
        }
        return live;
    }

    /** The threads by name that are more in {@code after} than {@code before}, JVM-wide pools left out. */
    private static Map<String, Integer> left(Map<String, Integer> before, Map<String, Integer> after) {
        var left = new TreeMap<String, Integer>();
        growth(before, after).forEach((name, n) -> {
            if (n > 0 && !JVM_WIDE.contains(name)) {
                left.put(name, n);
            }
        });
        return left;
    }

    /** The live threads, counted by name with numbers and paths taken off. */
    static Map<String, Integer> threadsByName() {
        var counts = new TreeMap<String, Integer>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                counts.merge(group(thread.getName()), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** "kcskb-background-3" is "kcskb-background"; "MVStore background writer nio:/tmp/kb" is its first words. */
    static String group(String threadName) {
        String name = PATH_PART.matcher(threadName).replaceFirst("");
        name = NUMBER_SUFFIX.matcher(name).replaceFirst("");
        return name.isEmpty() ? "(unnamed)" : name;
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<String, Integer> growth(Map<String, Integer> before, Map<String, Integer> after) {
        var growth = new TreeMap<String, Integer>();
        after.forEach((name, n) -> {
            int delta = n - before.getOrDefault(name, 0);
            if (delta != 0) {
                growth.put(name, delta);
            }
        });
        before.forEach((name, n) -> growth.putIfAbsent(name, after.containsKey(name) ? 0 : -n));
        growth.values().removeIf(v -> v == 0);
        var largestFirst = new java.util.LinkedHashMap<String, Integer>();
        growth.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> largestFirst.put(e.getKey(), e.getValue()));
        return largestFirst;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
