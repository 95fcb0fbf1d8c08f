package org.kcskb.bench.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.kcskb.bench.corpus.SyntheticCorpus;
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
 * The reference point for {@link SearchBenchmark}: stock Lucene over the same synthetic corpus and the same
 * queries, from query text to the ids of the top hits.
 *
 * <p>One stored id and one text field (title, issue and resolution) per article, analysed with the stock
 * {@link GermanAnalyzer} or {@link EnglishAnalyzer} of the article's language, in the default in-memory
 * directory; default BM25; the query is the union of its terms under both analyzers (the baseline does not know
 * the query's language) as a disjunction of term queries; the default collector, which counts exactly up to
 * 1,000 hits like the library. What anyone gets from Lucene out of the box, without snippets, ranking priors,
 * visibility or language detection: the ratio of the two benchmarks is what those features cost.
 *
 * <p>Run both: {@code java -jar kb-bench/target/kb-bench.jar 'search\.(Search|LuceneBaseline)Benchmark'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LuceneBaselineBenchmark {
    private static final String ID = "id";
    private static final String BODY = "body";

    @Param({"10000"})
    int articles;

    @Param({"10", "100"})
    int limit;

    private Analyzer german;
    private Analyzer english;
    private ByteBuffersDirectory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private String[] queries;

    /** Each thread walks the query list on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        german = new GermanAnalyzer();
        english = new EnglishAnalyzer();
        directory = new ByteBuffersDirectory();
        // The field analyzer is unused: each text arrives as a token stream of its language's analyzer.
        var config = new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(256);
        try (var writer = new IndexWriter(directory, config)) {
            int id = 0;
            for (var a : SyntheticCorpus.articles(SearchBenchmark.CORPUS_SEED, articles)) {
                Analyzer analyzer = a.language().getLanguage().equals(Locale.GERMAN.getLanguage()) ? german : english;
                String text = a.title() + "\n" + a.issue() + "\n" + a.resolution();
                var document = new Document();
                document.add(new StoredField(ID, Integer.toString(id++)));
                document.add(new TextField(BODY, analyzer.tokenStream(BODY, text)));
                writer.addDocument(document);
            }
            writer.forceMerge(1);
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        queries = SyntheticCorpus.queries(SearchBenchmark.QUERY_SEED, SearchBenchmark.QUERIES)
                .toArray(String[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        reader.close();
        directory.close();
        german.close();
        english.close();
    }

    @Benchmark
    public List<String> search(Cursor cursor) throws IOException {
        String text = queries[cursor.next];
        cursor.next = (cursor.next + 1) % queries.length;
        Set<String> terms = new LinkedHashSet<>();
        analyze(german, text, terms);
        analyze(english, text, terms);
        var query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(BODY, term)), BooleanClause.Occur.SHOULD);
        }
        TopDocs top = searcher.search(query.build(), limit);
        StoredFields stored = searcher.storedFields();
        var ids = new ArrayList<String>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            ids.add(stored.document(hit.doc).get(ID));
        }
        return ids;
    }

    private static void analyze(Analyzer analyzer, String text, Set<String> terms) {
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
