package org.kcskb.bench.footprint;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.kcskb.KnowledgeBase;
import org.kcskb.bench.Cli;
import org.kcskb.bench.Main;
import org.kcskb.bench.TemporaryDirectories;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.kb.CorpusLoader;
import org.kcskb.index.LuceneSearchEngineProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code footprint} command: the heap a loaded knowledge base holds and its index's size on disk, per corpus
 * size. Not a JMH benchmark: memory is a state, not a rate, and is measured once per size after garbage
 * collection.
 *
 * <p>The knowledge base runs with the in-memory store and its index on disk (a temporary directory, deleted
 * afterwards), so the heap figure is the store's articles plus the index's in-heap structures (term dictionaries,
 * doc values, the searcher, the learned vocabulary), with the generated corpus itself subtracted.
 */
@Command(
        name = "footprint",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 110,
        description = {
            "Heap held by a loaded knowledge base and its index size on disk.",
            "",
            "Loads each corpus into a knowledge base with the in-memory store and the index on disk, then prints the"
                    + " heap it holds after garbage collection and the index size on disk. Give the JVM enough heap"
                    + " for the largest corpus (1m articles: java -Xmx8g -jar kb-bench.jar footprint)."
        })
public final class FootprintCommand implements Callable<Integer> {
    @Option(
            names = "--corpus",
            paramLabel = "NAME",
            split = ",",
            defaultValue = "synthetic-100k,synthetic-1m",
            description = "the corpora, comma-separated (default: ${DEFAULT-VALUE})")
    private List<String> corpora;

    private final PrintStream out;
    private final PrintStream err;

    FootprintCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The command printing to the given streams. */
    public static FootprintCommand printingTo(PrintStream out, PrintStream err) {
        return new FootprintCommand(out, err);
    }

    /** Runs the command with the arguments after {@code footprint}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(new FootprintCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() {
        var lines = new ArrayList<String>();
        for (String name : corpora) {
            try {
                lines.add(measure(name.strip(), out));
            } catch (IllegalArgumentException e) {
                err.println("footprint: " + e.getMessage());
                return 2;
            } catch (OutOfMemoryError e) {
                err.println("footprint: out of heap while loading " + name + "; run java with a larger -Xmx");
                return 1;
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%-16s %10s %14s %16s%n", "corpus", "articles", "heap (MiB)", "index on disk (MiB)");
        lines.forEach(out::println);
        return 0;
    }

    private static String measure(String name, PrintStream out) {
        BenchmarkCorpus corpus = BenchmarkCorpus.load(name);
        long before = heapAfterGc();
        Path directory;
        try {
            directory = Files.createTempDirectory("kb-footprint");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.println("footprint: loading " + corpus.articles().size() + " articles of " + name);
            long held;
            long disk;
            try (KnowledgeBase kb = CorpusLoader.load(
                    CorpusLoader.builder()
                            .directory(directory)
                            .searchEngine(LuceneSearchEngineProvider.builder()
                                    .resultCacheBytes(0)
                                    .build()),
                    corpus)) {
                held = heapAfterGc() - before;
                disk = size(directory.resolve("index"));
                // The public partition, beside the main index, where the engine keeps one.
                if (Files.isDirectory(directory.resolve("index-public"))) {
                    disk += size(directory.resolve("index-public"));
                }
                // Keep the knowledge base reachable until after the measurement.
                kb.queryCacheStats();
            }
            return String.format(
                    Locale.ROOT,
                    "%-16s %10d %14.1f %16.1f",
                    name,
                    corpus.articles().size(),
                    held / 1048576.0,
                    disk / 1048576.0);
        } finally {
            TemporaryDirectories.delete(directory);
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long size(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
