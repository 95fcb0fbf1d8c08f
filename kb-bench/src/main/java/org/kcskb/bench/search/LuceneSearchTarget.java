package org.kcskb.bench.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.kcskb.bench.corpus.BenchmarkCorpus;
import org.kcskb.bench.corpus.CorpusArticle;
import org.kcskb.bench.corpus.HitCount;
import org.kcskb.bench.corpus.SearchWorkload;

/**
 * Raw Lucene: the floor the library's overhead is measured against, and the same schema as the Solr target.
 *
 * <p>One text field per language ({@code body_de}, {@code body_en}: title, issue and resolution), analysed with
 * the stock {@link GermanAnalyzer} or {@link EnglishAnalyzer} (stored only for the facets workload, which
 * highlights); the id in doc values; keyword fields for the audience and product; sorted-set doc values for the
 * facets; default BM25; one segment in the default in-memory directory. The query
 * is the union of the text's terms under both analyzers (the engine does not know the query's language) as a
 * disjunction of term queries, filtered to the audiences the viewer may see. The facets workload counts with
 * {@link SortedSetDocValuesFacetCounts} and highlights with the {@link UnifiedHighlighter} (offsets in the
 * postings). The page workload stores the title and returns it with one HTML-escaped passage of the text field of
 * about {@value SearchWorkload#SNIPPET_LENGTH} characters, matches in {@code <mark>}, per hit, from the same
 * highlighter. No snippets, ranking priors or language detection otherwise: the ratio to the library is what those
 * cost.
 */
final class LuceneSearchTarget implements SearchTarget {
    static final String ID = "id";
    static final String BODY_DE = "body_de";
    static final String BODY_EN = "body_en";
    static final String AUDIENCE = "audience";
    static final String PRODUCT = "product";
    static final String TITLE = "title";

    private final Analyzer german = new GermanAnalyzer();
    private final Analyzer english = new EnglishAnalyzer();
    private final FacetsConfig facetsConfig = new FacetsConfig();
    private ByteBuffersDirectory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private SortedSetDocValuesReaderState facetState;
    private UnifiedHighlighter highlighter;
    private String[] queries;
    private SearchWorkload workload;
    private int limit;
    private HitCount hits;

    /** The text is stored, with offsets, only where it is highlighted: a stored text costs every hit a read. */
    private static FieldType bodyType(SearchWorkload workload) {
        if (workload != SearchWorkload.FACETS && !workload.snippets()) {
            return TextField.TYPE_NOT_STORED;
        }
        var type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    @Override
    public void open(BenchmarkCorpus corpus, SearchWorkload workload, int limit, HitCount hits) {
        this.workload = workload;
        this.limit = limit;
        this.hits = workload.hitCount(hits);
        directory = new ByteBuffersDirectory();
        FieldType bodyType = bodyType(workload);
        var analyzer = new PerFieldAnalyzerWrapper(english, Map.of(BODY_DE, german, BODY_EN, english));
        var config = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256);
        try (var writer = new IndexWriter(directory, config)) {
            int id = 0;
            for (CorpusArticle a : corpus.articles()) {
                var document = new Document();
                document.add(new NumericDocValuesField(ID, id++));
                document.add(new Field(a.german() ? BODY_DE : BODY_EN, a.body(), bodyType));
                document.add(new StringField(AUDIENCE, a.audience().term(), Field.Store.NO));
                if (workload.snippets()) {
                    document.add(new StoredField(TITLE, a.title()));
                }
                document.add(new SortedSetDocValuesFacetField(
                        "language", a.language().getLanguage()));
                if (!a.product().isEmpty()) {
                    document.add(new StringField(PRODUCT, a.product(), Field.Store.NO));
                    document.add(new SortedSetDocValuesFacetField("product", a.product()));
                    document.add(new SortedSetDocValuesFacetField("version", a.version()));
                }
                writer.addDocument(facetsConfig.build(document));
            }
            writer.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            facetState = new DefaultSortedSetDocValuesReaderState(reader, facetsConfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        highlighter = workload.snippets()
                ? UnifiedHighlighter.builder(searcher, analyzer)
                        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                                BreakIterator.getSentenceInstance(Locale.ROOT), SearchWorkload.SNIPPET_LENGTH, 0.5f))
                        .withFormatter(new DefaultPassageFormatter(
                                SearchWorkload.MARK_OPEN, SearchWorkload.MARK_CLOSE, "… ", true))
                        .build()
                : UnifiedHighlighter.builder(searcher, analyzer).build();
        queries = corpus.queries().toArray(String[]::new);
    }

    @Override
    public Object search(int number) {
        try {
            Query query = query(queries[number]);
            int wanted = workload.offset() + limit;
            var top = new TopScoreDocCollectorManager(wanted, null, hits.threshold(wanted));
            TopDocs docs;
            List<Object> extras = List.of();
            if (workload == SearchWorkload.FACETS) {
                var both = searcher.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
                docs = (TopDocs) both[0];
                var counts = new SortedSetDocValuesFacetCounts(facetState, (FacetsCollector) both[1]);
                var result = new ArrayList<Object>();
                for (String dimension : SearchWorkload.FACET_NAMES) {
                    FacetResult facet = counts.getTopChildren(10, dimension);
                    result.add(facet);
                }
                result.add(Arrays.asList(highlighter.highlight(BODY_DE, query, docs)));
                result.add(Arrays.asList(highlighter.highlight(BODY_EN, query, docs)));
                extras = result;
            } else {
                docs = searcher.search(query, top);
            }
            if (workload.snippets()) {
                return page(query, docs);
            }
            var ids = new ArrayList<Object>(limit + extras.size() + 1);
            ScoreDoc[] page = docs.scoreDocs;
            List<LeafReaderContext> leaves = reader.leaves();
            for (int i = workload.offset(); i < page.length; i++) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(page[i].doc, leaves));
                NumericDocValues values = leaf.reader().getNumericDocValues(ID);
                if (values == null || !values.advanceExact(page[i].doc - leaf.docBase)) {
                    throw new IllegalStateException("Document " + page[i].doc + " has no id");
                }
                ids.add(Long.toString(values.longValue()));
            }
            ids.add(docs.totalHits);
            ids.addAll(extras);
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page workload's answer: per hit its id, title and snippet, then the total. */
    private List<Object> page(Query query, TopDocs docs) throws IOException {
        Map<String, String[]> snippets =
                highlighter.highlightFields(new String[] {BODY_DE, BODY_EN}, query, docs, new int[] {1, 1});
        String[] german = snippets.get(BODY_DE);
        String[] english = snippets.get(BODY_EN);
        StoredFields stored = searcher.storedFields();
        Set<String> titleOnly = Set.of(TITLE);
        var page = new ArrayList<Object>(3 * docs.scoreDocs.length + 1);
        for (int i = 0; i < docs.scoreDocs.length; i++) {
            int doc = docs.scoreDocs[i].doc;
            page.add(doc);
            page.add(stored.document(doc, titleOnly).get(TITLE));
            page.add(german[i] != null ? german[i] : english[i]);
        }
        page.add(docs.totalHits);
        return page;
    }

    private Query query(String text) {
        Set<Term> terms = new LinkedHashSet<>();
        analyze(german, BODY_DE, text, terms);
        analyze(english, BODY_EN, text, terms);
        var disjunction = new BooleanQuery.Builder();
        for (Term term : terms) {
            disjunction.add(new TermQuery(term), BooleanClause.Occur.SHOULD);
        }
        var query = new BooleanQuery.Builder().add(disjunction.build(), BooleanClause.Occur.MUST);
        if (workload == SearchWorkload.FILTERED) {
            var audiences = SearchWorkload.FILTER_AUDIENCES.stream()
                    .map(a -> new BytesRef(a.term()))
                    .toList();
            query.add(new TermInSetQuery(AUDIENCE, audiences), BooleanClause.Occur.FILTER);
            query.add(new TermQuery(new Term(PRODUCT, SearchWorkload.FILTER_PRODUCT)), BooleanClause.Occur.FILTER);
        } else {
            query.add(
                    new TermQuery(new Term(AUDIENCE, CorpusArticle.Audience.PUBLIC.term())),
                    BooleanClause.Occur.FILTER);
        }
        return query.build();
    }

    private static void analyze(Analyzer analyzer, String field, String text, Set<Term> terms) {
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(new Term(field, term.toString()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            german.close();
            english.close();
        }
    }
}
