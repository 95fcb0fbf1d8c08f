package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Indexes a few articles with the index analyzers and searches them with the query analyzers, as the indexer will:
 * the analyzers must agree on terms, and decompounding must work in both directions.
 */
class AnalyzedSearchTest {
    private static String field(Locale language) {
        return "body." + language.getLanguage();
    }

    private final CompoundVocabulary vocabulary = CompoundVocabulary.create();
    private final KbAnalyzers analyzers = KbAnalyzers.create(vocabulary);
    private final Directory directory = new ByteBuffersDirectory();
    private DirectoryReader reader;

    @BeforeEach
    void index() throws IOException {
        List<String[]> german = List.of(
                new String[] {"compound", "Druckertreiberfehler nach der Installation"},
                new String[] {"parts", "Fehler im Treiber: der Druckertreiber meldet einen Treiberfehler"},
                new String[] {"update", "Drucker druckt nach Windows-Update nicht mehr"},
                new String[] {"street", "Lieferung an eine neue Straße"},
                new String[] {"invoice", "Rechnung kann nicht geöffnet werden"});
        List<String[]> english = List.of(
                new String[] {"driver", "Install the printer driver"},
                new String[] {"password", "How to reset a forgotten password"});
        // Learn first, as the indexer does, so that the articles' own words are compound parts.
        german.forEach(article -> vocabulary.learn(article[1]));
        vocabulary.snapshot();

        // One field per language, each analysed by its language's chain, as the indexer does.
        var perLanguage = new PerFieldAnalyzerWrapper(
                analyzers.index(Locale.ROOT),
                Map.of(
                        field(Locale.GERMAN),
                        analyzers.index(Locale.GERMAN),
                        field(Locale.ENGLISH),
                        analyzers.index(Locale.ENGLISH)));
        var config = new IndexWriterConfig(perLanguage);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            german.forEach(article -> add(writer, article, Locale.GERMAN));
            english.forEach(article -> add(writer, article, Locale.ENGLISH));
        }
        reader = DirectoryReader.open(directory);
    }

    private void add(IndexWriter writer, String[] article, Locale language) {
        Document document = new Document();
        document.add(new StringField("id", article[0], Field.Store.YES));
        document.add(new TextField(field(language), article[1], Field.Store.NO));
        try {
            writer.addDocument(document);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void close() throws IOException {
        reader.close();
        directory.close();
        analyzers.close();
    }

    /**
     * Ids of the articles that match any analysed query word; word prefixes are left out, as the engine never lets
     * one make a hit alone.
     */
    private List<String> search(String query, Locale language) throws IOException {
        var builder = new BooleanQuery.Builder();
        for (String term : Token.words(analyzers.query(language), query)) {
            builder.add(new TermQuery(new Term(field(language), term)), Occur.SHOULD);
        }
        IndexSearcher searcher = new IndexSearcher(reader);
        List<String> ids = new ArrayList<>();
        for (ScoreDoc hit : searcher.search(builder.build(), 10).scoreDocs) {
            ids.add(searcher.storedFields().document(hit.doc).get("id"));
        }
        return ids;
    }

    @Test
    void partOfCompound_findsArticleWithCompound() throws IOException {
        assertThat(search("Treiberfehler", Locale.GERMAN)).contains("compound");
        assertThat(search("Druckertreiber", Locale.GERMAN)).contains("compound");
    }

    @Test
    void compound_findsArticlesWithItsParts() throws IOException {
        assertThat(search("Druckertreiberfehler", Locale.GERMAN)).contains("compound", "parts");
    }

    @Test
    void compound_doesNotFindArticlesSharingNoPart() throws IOException {
        assertThat(search("Druckertreiberfehler", Locale.GERMAN)).doesNotContain("invoice", "street");
    }

    @Test
    void inflectedQuery_findsArticle() throws IOException {
        assertThat(search("drucker druckt nicht", Locale.GERMAN)).first().isEqualTo("update");
    }

    @Test
    void compoundWithSeededPart_findsArticleWithOtherPart() throws IOException {
        assertThat(vocabulary.snapshot().frequency("problem")).as("seeded").isPositive();

        assertThat(search("Druckerproblem", Locale.GERMAN)).contains("update");
    }

    @Test
    void transcribedSpelling_findsUmlautAndSharpS() throws IOException {
        assertThat(search("Strasse", Locale.GERMAN)).containsExactly("street");
        assertThat(search("Rechnung geoeffnet", Locale.GERMAN)).first().isEqualTo("invoice");
    }

    @Test
    void umlaut_doesNotFindThePlainVowel() throws IOException {
        // "Drücker" and "drücken" are other words than the "Drucker" of the article, however they are spelled.
        assertThat(search("Druecker", Locale.GERMAN)).doesNotContain("update");
        assertThat(search("Drücken", Locale.GERMAN)).doesNotContain("update");
        assertThat(search("Drucker", Locale.GERMAN)).contains("update");
    }

    @Test
    void loneStopword_findsArticlesContainingIt() throws IOException {
        assertThat(search("kann", Locale.GERMAN)).containsExactly("invoice");
    }

    @Test
    void englishPossessivePlural_findsSingular() throws IOException {
        assertThat(search("printer's drivers", Locale.ENGLISH)).containsExactly("driver");
        assertThat(search("how to reset password", Locale.ENGLISH)).containsExactly("password");
    }
}
