package org.kcskb.bench.relevance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
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
 */
final class Bm25Baseline implements Retriever {
    private static final String ID = "id";
    private static final String BODY = "body";

    private final Analyzer analyzer;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private DirectoryReader reader;
    private IndexSearcher searcher;

    Bm25Baseline(Language language) {
        this.analyzer = switch (language) {
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
        var config = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256);
        try (var writer = new IndexWriter(directory, config)) {
            for (CorpusDocument corpusDocument : documents) {
                var document = new Document();
                document.add(new StoredField(ID, corpusDocument.id()));
                document.add(new TextField(BODY, corpusDocument.title() + " " + corpusDocument.text(), Field.Store.NO));
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
        List<String> terms = analyze(text);
        if (terms.isEmpty()) {
            return List.of();
        }
        var query = new BooleanQuery.Builder();
        for (String term : terms.subList(0, Math.min(terms.size(), IndexSearcher.getMaxClauseCount()))) {
            query.add(new TermQuery(new Term(BODY, term)), BooleanClause.Occur.SHOULD);
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

    /** Returns the analysed terms of {@code text} in order, duplicates kept as a query parser would. */
    List<String> analyze(String text) {
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
            analyzer.close();
        }
    }
}
