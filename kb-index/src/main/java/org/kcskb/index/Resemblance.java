package org.kcskb.index;

import static org.kcskb.index.ArticleFields.field;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CombinedFieldQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.kcskb.index.analysis.KbAnalyzers;

/**
 * Finds articles that resemble a text: the "more like this" behind duplicate detection and related articles.
 *
 * <p>The text is analysed like a query in its language; its most telling terms (frequency in the text times
 * inverse document frequency in the index, at most {@value #MAX_TERMS}) become one BM25F query over title, issue,
 * cause and environment, each term weighted by its idf. A candidate's similarity is the share of the selected
 * terms' idf that it contains, so it lies in [0, 1] and means the same for every text. Stateless and thread-safe.
 */
final class Resemblance {
    static final int MAX_TERMS = 20;

    private static final List<String> FIELDS =
            List.of(ArticleFields.TITLE, ArticleFields.ISSUE, ArticleFields.CAUSE, ArticleFields.ENVIRONMENT);

    private final Analysis analysis;

    Resemblance(Analysis analysis) {
        this.analysis = analysis;
    }

    /**
     * A term of the text chosen for the query.
     *
     * @param key the language key whose fields it is searched in
     * @param term the analysed term
     * @param word the word of the text it came from, as written
     * @param weight its frequency in the text times its inverse document frequency in the index
     */
    record Selected(String key, String term, String word, double weight) {}

    /**
     * The query for a text.
     *
     * @param query the scoring query, matching nothing when no term is known to the index
     * @param highlight plain term queries over the snippet fields
     * @param terms the selected terms, most telling first
     */
    record Likeness(Query query, Query highlight, List<Selected> terms) {
        double totalWeight() {
            return terms.stream().mapToDouble(Selected::weight).sum();
        }
    }

    /** Builds the query for {@code text}, searched in the fields of {@code languageKeys}. */
    Likeness like(String text, List<String> languageKeys, IndexReader reader) throws IOException {
        // maxDoc, not numDocs: docFreq counts deleted documents until a merge (a revised article's old version), so
        // against the live documents alone a common term's idf turns negative, and Lucene refuses a negative boost.
        int documents = Math.max(1, reader.maxDoc());
        var candidates = new ArrayList<Selected>();
        for (String key : languageKeys) {
            Map<String, String> words = new LinkedHashMap<>();
            Map<String, Integer> frequencies = new HashMap<>();
            terms(analysis.queryAnalyzer(key), field(ArticleFields.TITLE, key), text, words, frequencies);
            for (var entry : frequencies.entrySet()) {
                String term = entry.getKey();
                int df = 0;
                for (String base : FIELDS) {
                    df = Math.max(df, reader.docFreq(new Term(field(base, key), term)));
                }
                if (df == 0) {
                    continue;
                }
                double idf = Math.log(1 + (documents - df + 0.5) / (df + 0.5));
                candidates.add(new Selected(key, term, words.get(term), idf * entry.getValue()));
            }
        }
        List<Selected> selected = candidates.stream()
                .sorted(Comparator.comparingDouble(Selected::weight)
                        .reversed()
                        .thenComparing(Selected::term)
                        .thenComparing(Selected::key))
                .limit(MAX_TERMS)
                .toList();
        if (selected.isEmpty()) {
            Query none = new MatchNoDocsQuery("no term of the text is in the index");
            return new Likeness(none, none, selected);
        }
        var query = new BooleanQuery.Builder();
        var highlight = new BooleanQuery.Builder();
        for (Selected term : selected) {
            var combined = new CombinedFieldQuery.Builder(term.term());
            for (String base : FIELDS) {
                combined.addField(field(base, term.key()), base.equals(ArticleFields.TITLE) ? 2f : 1f);
            }
            query.add(new BoostQuery(combined.build(), (float) term.weight()), Occur.SHOULD);
            for (String base : Snippets.SNIPPET_FIELDS) {
                highlight.add(new TermQuery(new Term(field(base, term.key()), term.term())), Occur.SHOULD);
            }
        }
        return new Likeness(query.build(), highlight.build(), selected);
    }

    /** Returns the selected terms that document {@code doc} (a top-level doc id) contains, most telling first. */
    static List<Selected> matched(IndexReader reader, int doc, List<Selected> terms) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int target = doc - leaf.docBase;
        var matched = new ArrayList<Selected>();
        for (Selected term : terms) {
            for (String base : FIELDS) {
                if (contains(leaf, field(base, term.key()), term.term(), target)) {
                    matched.add(term);
                    break;
                }
            }
        }
        return matched;
    }

    private static boolean contains(LeafReaderContext leaf, String field, String term, int doc) throws IOException {
        Terms terms = leaf.reader().terms(field);
        if (terms == null) {
            return false;
        }
        TermsEnum iterator = terms.iterator();
        if (!iterator.seekExact(new BytesRef(term))) {
            return false;
        }
        PostingsEnum postings = iterator.postings(null, PostingsEnum.NONE);
        return postings.advance(doc) == doc;
    }

    /**
     * Collects each analysed term's frequency and the first word (as written in the text) it came from. Word
     * prefixes of German analysis are left out: they are a weak backoff for ranking, and as telling terms they would
     * count a shared prefix ("Verteilung", "Verteidigung") as a shared word.
     */
    private static void terms(
            Analyzer analyzer, String field, String text, Map<String, String> words, Map<String, Integer> frequencies) {
        for (Tokens.Token token : Tokens.analyze(analyzer, field, text)) {
            if (KbAnalyzers.isPrefix(token.term())) {
                continue;
            }
            words.putIfAbsent(token.term(), text.substring(token.start(), token.end()));
            frequencies.merge(token.term(), 1, Integer::sum);
        }
    }
}
