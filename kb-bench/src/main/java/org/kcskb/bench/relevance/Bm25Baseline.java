package org.kcskb.bench.relevance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
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

/**
 * The reference point: stock Lucene BM25 over one field holding title and text, analysed with the stock
 * {@link GermanAnalyzer} or {@link EnglishAnalyzer}.
 *
 * <p>The query is the analysed query text as a disjunction of term queries, so the baseline reads natural
 * language the same way as the system (no query syntax). What anyone would get from Lucene out of the box,
 * without tuning. Ties are broken by corpus order, so results are reproducible.
 *
 * <p>For a mixed-language data set ({@link #mixed}) the baseline is what a Lucene user would set up for a bilingual
 * index without further work: one field per language, {@code body_de} and {@code body_en}, each document in the
 * field of its own language and analysed by that language's stock analyzer; the query is analysed by each
 * language's analyzer and searched in that language's field, all terms as one disjunction. It needs no query
 * language, so a German query still finds an English article by the words they share (product names,
 * abbreviations), and it never translates.
 */
final class Bm25Baseline implements Retriever {
    private static final String ID = "id";
    private static final String BODY = "body";

    /** Per field, the analyzer of its documents and of the query's terms for it. */
    private final Map<String, Analyzer> fields;
    /** Per document, the field it is indexed in. */
    private final Function<CorpusDocument, String> fieldOf;

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private DirectoryReader reader;
    private IndexSearcher searcher;

    /** The baseline for a single-language data set: one field, one analyzer. */
    Bm25Baseline(Language language) {
        this.fields = Map.of(BODY, analyzer(language));
        this.fieldOf = document -> BODY;
    }

    private Bm25Baseline(Map<String, Analyzer> fields, Function<CorpusDocument, String> fieldOf) {
        this.fields = fields;
        this.fieldOf = fieldOf;
    }

    /**
     * The baseline for a mixed-language data set: a field per language.
     *
     * @param languageOf each document's language (its {@code lang} field or a detection)
     */
    static Bm25Baseline mixed(Function<CorpusDocument, Language> languageOf) {
        var fields = new LinkedHashMap<String, Analyzer>();
        for (Language language : Language.values()) {
            fields.put(field(language), analyzer(language));
        }
        return new Bm25Baseline(fields, document -> field(languageOf.apply(document)));
    }

    private static String field(Language language) {
        return BODY + "_" + language.tag();
    }

    private static Analyzer analyzer(Language language) {
        return switch (language) {
            case GERMAN -> new GermanAnalyzer();
            case ENGLISH -> new EnglishAnalyzer();
        };
    }

    @Override
    public void index(List<CorpusDocument> documents) {
        if (searcher != null) {
            throw new IllegalStateException("The baseline is already indexed");
        }
        // One large buffer keeps the corpus in one segment; the statistics are index-wide either way.
        // Every document goes to a field of the map; the default analyzer is never used.
        Analyzer any = fields.values().iterator().next();
        var config = new IndexWriterConfig(new PerFieldAnalyzerWrapper(any, fields)).setRAMBufferSizeMB(256);
        try (var writer = new IndexWriter(directory, config)) {
            for (CorpusDocument corpusDocument : documents) {
                var document = new Document();
                document.add(new StoredField(ID, corpusDocument.id()));
                document.add(new TextField(
                        fieldOf.apply(corpusDocument),
                        corpusDocument.title() + " " + corpusDocument.text(),
                        Field.Store.NO));
                writer.addDocument(document);
            }
            writer.commit();
            reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the in-memory baseline index", e);
        }
        searcher = new IndexSearcher(reader);
    }

    @Override
    public List<String> search(String text) {
        if (searcher == null) {
            throw new IllegalStateException("Index the corpus before searching");
        }
        var query = new BooleanQuery.Builder();
        int clauses = 0;
        for (var field : fields.entrySet()) {
            for (String term : analyze(field.getValue(), text)) {
                if (clauses++ < IndexSearcher.getMaxClauseCount()) {
                    query.add(new TermQuery(new Term(field.getKey(), term)), BooleanClause.Occur.SHOULD);
                }
            }
        }
        if (clauses == 0) {
            return List.of();
        }
        try {
            TopDocs top = searcher.search(query.build(), DEPTH);
            StoredFields stored = searcher.storedFields();
            var ids = new ArrayList<String>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                ids.add(stored.document(hit.doc).get(ID));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("Baseline search failed", e);
        }
    }

    /**
     * Returns the analysed terms of {@code text} in order, duplicates kept as a query parser would; with one
     * language only.
     */
    List<String> analyze(String text) {
        if (fields.size() != 1) {
            throw new IllegalStateException("A mixed-language baseline analyses a text once per language");
        }
        return analyze(fields.values().iterator().next(), text);
    }

    private static List<String> analyze(Analyzer analyzer, String text) {
        var terms = new ArrayList<String>();
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot analyse the query text", e);
        }
        return terms;
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            fields.values().forEach(Analyzer::close);
        }
    }
}
