package org.kcskb.bench;

import java.util.Arrays;
import java.util.List;
import org.kcskb.bench.compare.CiCommand;
import org.kcskb.bench.compare.CompareCommand;
import org.kcskb.bench.footprint.FootprintCommand;
import org.kcskb.bench.relevance.RelevanceCommand;
import org.kcskb.bench.relevance.RelevanceSuiteCommand;
import org.kcskb.bench.tenants.TenantsCommand;

/**
 * The entry point of {@code kb-bench.jar}: {@code relevance ...} runs the relevance harness, anything else goes
 * to JMH.
 *
 * <pre>
 * java -jar kb-bench/target/kb-bench.jar relevance --data ../shared/data/covidfaq-de --json covid.json
 * java -jar kb-bench/target/kb-bench.jar -h          # JMH options
 * java -jar kb-bench/target/kb-bench.jar Search      # JMH benchmarks matching "Search"
 * </pre>
 */
public final class Main {
    private static final String USAGE = """
            Usage:
              java -jar kb-bench.jar relevance --data DIR [--json FILE] [--lang de|en] [--typos N] [--baseline-only]
                  relevance of the knowledge base's search against a BM25 baseline (relevance --help for details)
              java -jar kb-bench.jar ci [--data-root DIR] [--out DIR]
                  the CI profile: relevance-suite, then compare --quick (ci --help for details)
              java -jar kb-bench.jar compare [--quick] [--out DIR] [--no-solr] [-- JMH options]
                  search benchmarks on kb, raw Lucene and Solr, one table (compare --help for details)
              java -Xmx8g -jar kb-bench.jar footprint [--corpus synthetic-100k,synthetic-1m]
                  heap held by a loaded knowledge base and its index size on disk
              java -Xmx6g -jar kb-bench.jar tenants [--counts 1,100,1000] [--store memory,h2] [--articles 3]
                  [--engine lucene|opensearch] [--opensearch-url URL[,URL]]
                  open time, heap and threads of many small knowledge bases in one JVM (tenants --help)
              java -jar kb-bench.jar relevance-suite [--data-root DIR] [--update-baseline] ...
                  every data set in DIR, gated against kb-bench/relevance-baseline.json (relevance-suite --help)
              java -jar kb-bench.jar emerging [--queries FILE] [--days N] [--outbreak-rate N] [--seed N] ...
                  replays a quiet week with one outbreak: detection delay and false alarms (emerging --help)
              java -jar kb-bench.jar [JMH options] [benchmark regexp]
                  JMH benchmarks (-h for the JMH options, -l to list the benchmarks)
            """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("compare")) {
            int code = CompareCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("footprint")) {
            int code = FootprintCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("tenants")) {
            int code = TenantsCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("ci")) {
            int code = CiCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("relevance-suite")) {
            int code = RelevanceSuiteCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("emerging")) {
            int code = org.kcskb.bench.emerging.EmergingCommand.run(
                    List.of(args).subList(1, args.length), System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        if (args.length > 0 && args[0].equals("relevance")) {
            int code = RelevanceCommand.run(List.of(args).subList(1, args.length), System.out, System.err);
            System.out.flush();
            System.exit(code);
        }
        if (Arrays.asList(args).equals(List.of("--help"))) {
            System.out.print(USAGE);
            return;
        }
        org.openjdk.jmh.Main.main(args);
    }
}
