package org.kcskb.bench.tenants;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kcskb.Draft;
import org.kcskb.KnowledgeBase;
import org.kcskb.KnowledgeBaseBuilder;
import org.kcskb.actor.Actor;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;
import org.kcskb.bench.TemporaryDirectories;
import org.kcskb.lifecycle.ContentStandard;
import org.kcskb.store.ArticleStores;

/**
 * The {@code tenants} command: what each of many small knowledge bases in one JVM costs, as a help-desk product
 * that hosts one knowledge base per customer has them. For each count it opens that many knowledge bases (a few
 * articles each), then reports the time to open one, the heap each holds after garbage collection, and the live
 * threads, grouped by name; then it closes them all and reports whether the threads went back to where they were.
 *
 * <p>Not a JMH benchmark: threads and retained heap are states, measured once per count. The first knowledge base
 * of the JVM (class loading, the language model) is opened and closed before the counts and reported apart.
 */
public final class TenantsCommand {
    static final String USAGE = """
            Usage: java -Xmx6g -jar kb-bench.jar tenants [--counts N[,N...]] [--store memory|h2[,...]] [--articles N]

            Opens N knowledge bases in this JVM for each count (default 1,100,1000), each with a few articles
            (default 3), with the in-memory store and index (memory) or the embedded default in a temporary
            directory, H2 store and index on disk (h2); default both. Prints per count: the time to open one, the
            heap each holds after garbage collection, the live threads with them open (and the growth per knowledge
            base, by thread name), and the live threads after closing them all.
            """;

    /** Thread names that kb-core gives its threads: the shared background pool. */
    static final String KB_CORE_THREADS = "kcskb-";

    private static final Actor AUTHOR = Actor.administrator("tenants");
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    /** How long closed knowledge bases' threads (an H2 writer, a Lucene merge) may take to end. */
    private static final Duration THREADS_SETTLE = Duration.ofSeconds(15);

    /**
     * Threads of JVM-wide pools that come and go with any work (Caffeine's maintenance runs on the common pool):
     * not the knowledge bases' own.
     */
    static final Set<String> JVM_WIDE = Set.of("ForkJoinPool.commonPool-worker");

    private static final Pattern PATH_PART = Pattern.compile("\\s+\\S*[:/].*$");
    private static final Pattern NUMBER_SUFFIX = Pattern.compile("[-_ #]*\\d+$");

    private TenantsCommand() {}

    /** Where the knowledge bases keep their articles. */
    enum Store {
        /** The in-memory store and an in-memory index. */
        MEMORY,
        /** The embedded default: an H2 store and the index on disk, in a directory of its own. */
        H2;

        static Store parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "memory" -> MEMORY;
                case "h2" -> H2;
                default -> throw new IllegalArgumentException("unknown store \"" + text + "\"; valid: memory, h2");
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What one count cost.
     *
     * @param threadsBefore live threads before the knowledge bases were opened
     * @param threadsOpen live threads with all of them open
     * @param threadGrowth the growth from {@code threadsBefore} to {@code threadsOpen} by thread name (numbers and
     *     paths taken off), largest first
     * @param threadsAfterClose live threads once all were closed and their threads had time to end
     * @param leftAfterClose the threads by name that were not there before and still are after closing; JVM-wide
     *     pools that other work may have started ({@link #JVM_WIDE}) are left out
     */
    record Measurement(
            Store store,
            int count,
            double openMillisPerKb,
            double heapMiBPerKb,
            int threadsBefore,
            int threadsOpen,
            Map<String, Integer> threadGrowth,
            double closeMillisPerKb,
            int threadsAfterClose,
            Map<String, Integer> leftAfterClose) {

        /** The threads whose names kb-core gives (the shared pool), open minus before. */
        int kbCoreThreadGrowth() {
            return threadGrowth.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(KB_CORE_THREADS))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        String row() {
            return String.format(
                    Locale.ROOT,
                    "%-7s %6d %12.1f %12.2f %9d %9d %10.2f %12.1f %9d",
                    store,
                    count,
                    openMillisPerKb,
                    heapMiBPerKb,
                    threadsBefore,
                    threadsOpen,
                    (threadsOpen - threadsBefore) / (double) count,
                    closeMillisPerKb,
                    threadsAfterClose);
        }
    }

    /** Runs the command with the arguments after {@code tenants}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        List<Integer> counts = List.of(1, 100, 1000);
        List<Store> stores = List.of(Store.MEMORY, Store.H2);
        int articles = 3;
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.print(USAGE);
                    return 0;
                }
                if (!List.of("--counts", "--store", "--articles").contains(arg)) {
                    err.println("tenants: unknown argument \"" + arg + "\"; valid: --counts, --store, --articles,"
                            + " --help");
                    return 2;
                }
                if (i + 1 >= args.size()) {
                    err.println("tenants: " + arg + " needs a value");
                    return 2;
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--counts" ->
                        counts = Stream.of(value.split(","))
                                .map(c -> positive("--counts", c))
                                .toList();
                    case "--store" ->
                        stores = Stream.of(value.split(",")).map(Store::parse).toList();
                    default -> articles = positive("--articles", value);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("tenants: " + e.getMessage());
            return 2;
        }
        var rows = new ArrayList<Measurement>();
        try {
            for (Store store : stores) {
                double cold = warmUp(store, articles);
                out.printf(
                        Locale.ROOT, "tenants: first knowledge base of the JVM (%s) opened in %.0f ms%n", store, cold);
                for (int count : counts) {
                    out.println("tenants: opening " + count + " knowledge bases (" + store + ")");
                    Measurement m = measure(store, count, articles);
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
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "%-7s %6s %12s %12s %9s %9s %10s %12s %9s%n",
                "store",
                "KBs",
                "open ms/KB",
                "heap MiB/KB",
                "thr.before",
                "thr.open",
                "thr./KB",
                "close ms/KB",
                "thr.after");
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
        Path root = TemporaryDirectories.create("kb-tenants");
        try {
            long start = System.nanoTime();
            KnowledgeBase kb = open(store, root, 0);
            double millis = (System.nanoTime() - start) / 1e6;
            fill(kb, 0, articles);
            kb.close();
            return millis;
        } finally {
            TemporaryDirectories.delete(root);
        }
    }

    /** Opens {@code count} knowledge bases, measures them, closes them. */
    static Measurement measure(Store store, int count, int articles) {
        Path root = TemporaryDirectories.create("kb-tenants");
        var open = new ArrayList<KnowledgeBase>(count);
        try {
            long heapBefore = heapAfterGc();
            Map<String, Integer> before = threadsByName();
            int threadsBefore = total(before);

            long openNanos = 0;
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                open.add(open(store, root, i));
                openNanos += System.nanoTime() - start;
            }
            for (int i = 0; i < count; i++) {
                fill(open.get(i), i, articles);
            }
            for (KnowledgeBase kb : open) {
                if (!kb.awaitSearchable(CATCH_UP)) {
                    throw new IllegalStateException("A knowledge base did not catch up in " + CATCH_UP + ": " + kb);
                }
            }
            long heapOpen = heapAfterGc();
            Map<String, Integer> opened = threadsByName();

            long closeStart = System.nanoTime();
            for (KnowledgeBase kb : open) {
                kb.close();
            }
            long closeNanos = System.nanoTime() - closeStart;
            open.clear();
            Map<String, Integer> after = settledThreads(before);
            return new Measurement(
                    store,
                    count,
                    openNanos / 1e6 / count,
                    (heapOpen - heapBefore) / 1048576.0 / count,
                    threadsBefore,
                    total(opened),
                    growth(before, opened),
                    closeNanos / 1e6 / count,
                    total(after),
                    left(before, after));
        } finally {
            open.forEach(KnowledgeBase::close);
            TemporaryDirectories.delete(root);
        }
    }

    private static KnowledgeBase open(Store store, Path root, int tenant) {
        KnowledgeBaseBuilder builder = KnowledgeBase.builder()
                .contentStandard(ContentStandard.builder().requireIssue(false).build());
        return switch (store) {
            case MEMORY -> builder.store(ArticleStores.inMemory()).build();
            case H2 -> builder.directory(root.resolve("tenant-" + tenant)).build();
        };
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
