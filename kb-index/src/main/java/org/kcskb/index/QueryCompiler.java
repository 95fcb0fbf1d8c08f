package org.kcskb.index;

import static org.kcskb.index.ArticleFields.field;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Languages;
import org.kcskb.index.analysis.KbAnalyzers;
import org.kcskb.index.analysis.VocabularyMatcher;
import org.kcskb.lifecycle.Visibility;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.spi.EngineText;

/**
 * Compiles a natural-language request into a Lucene query: text relevance per language, and the filters.
 *
 * <p>Query text is never parsed as syntax: it is only tokenised by the language's analyzer, so quotes,
 * operators and wildcards are plain characters. Ranking has two phases. The first is one flat disjunction of term
 * queries, which Lucene scores with its fastest top-k algorithm (MaxScore, skipping documents that cannot make the
 * page):
 *
 * <ul>
 *   <li>each distinct term over {@link ArticleFields#ALL}, whose field-weighted frequencies make BM25 over it BM25F
 *       over title, issue, resolution, cause and environment;
 *   <li>each typo correction over {@link ArticleFields#ALL}, below the typed word.
 * </ul>
 *
 * <p>The second phase adds a bonus to the best first-phase hits only ({@link Compiled#bonus()}, see {@link
 * Ranking}): each word in its written form over {@link ArticleFields#EXACT} (the article's own word forms), and
 * each pair of neighbouring query words as a phrase over title, issue and resolution (proximity). Both read far
 * more postings than they change ranks, so they are computed for {@value Ranking#WINDOW} documents instead of
 * every match.
 *
 * <p>Stateless and thread-safe.
 */
final class QueryCompiler {
    /** Only the first terms of a query count, which bounds the cost of any query text. */
    static final int MAX_TERMS = 32;

    private static final int MAX_PHRASES = 12;
    /**
     * Words stand in the article as in the query, with the query's gaps (removed stopwords) kept. Slop 1 ranked the
     * same (nDCG@10 within 0.0007 on the four relevance sets) at the cost of Lucene's sloppy phrase matcher.
     */
    private static final int PHRASE_SLOP = 0;
    /**
     * Small on purpose: on the relevance sets a boost of 0.3 with slop 3 cost 1 to 7 points of nDCG@10 against
     * no phrase clause at all (questions rarely repeat the article's word order), while exact adjacency with a
     * small boost keeps the benefit for product names and error messages at no measurable cost.
     */
    private static final float PHRASE_BOOST = 0.1f;

    /**
     * The weight of a match on the exact (unstemmed) word form, on top of the analysed match. Measured on the
     * relevance sets: 0.3 to 0.6 gained up to 0.9 points of nDCG@10 on English question sets and was neutral on
     * German ones; 0.5 sits in the middle of that plateau.
     */
    private static final float EXACT_BOOST = 0.5f;

    /**
     * The weight of a word prefix that German analysis adds after each long word ({@link KbAnalyzers#isPrefix}), a
     * backoff for derived forms that also conflates unrelated words. Measured on the relevance sets (nDCG@10,
     * xquadr-de and covidfaq-de): 0.45 0.8380 and 0.3215, 0.6 0.8405 and 0.3235, 0.75 0.8413 and 0.3199, 1.0 0.8390
     * and 0.3201; 0.6 is in the middle of that plateau.
     */
    private static final float PREFIX_WEIGHT = 0.6f;

    /**
     * The weight of a corrected word relative to the word as typed, below 1 so that an article with the typed word
     * ranks above one that only has the correction (the typed word is rare, so usually only the correction
     * matches at all).
     */
    static final float CORRECTION_WEIGHT = 0.8f;

    /**
     * The weight of every clause of a language other than the query's: an issue documented only in the other
     * language is still found (through the product names, error codes and loan words both languages write alike),
     * while the query language's version of an issue ranks above its translation.
     *
     * <p>Measured on the bilingual help-desk set (nDCG@10 on its dev split; 0.6009 searching the query's language
     * only): 0.5 0.6929, 0.6 0.6965, 0.7 0.7067, 0.8 0.7084, 0.9 0.7196, 1.0 0.7285. The set rewards the other
     * language ever more up to equal weight, since its cross-language queries gain more than the others lose; but
     * each language's terms score with their own language's statistics, so a word common in one language's articles
     * and rare in the other's ("Windows" in a small knowledge base) can lift a translation above the original. 0.7
     * is the largest weight tried that keeps the original first in {@code SearchEngineContract}'s translated pair
     * (0.8 did not), at 0.002 below 0.8 on dev. (The sweep corrected typos in every language searched; with
     * corrections in the query's language only, as now, 0.7 scores 0.7023 on dev and 0.7409 on test, against
     * 0.6009 and 0.6118 before.)
     */
    static final float CROSS_LANGUAGE_WEIGHT = 0.7f;

    /**
     * The weight of a synonym or expansion of the query's words (from the knowledge base's vocabulary) relative to
     * the words as typed: below 1, so that of two articles otherwise alike the one with the typed words ranks first.
     */
    static final float SYNONYM_WEIGHT = 0.8f;

    /** The most alternatives a query's words expand to, per language block, which bounds the query's cost. */
    private static final int MAX_ALTERNATIVES = 16;

    private final Analysis analysis;

    QueryCompiler(Analysis analysis) {
        this.analysis = analysis;
    }

    /**
     * A compiled text query.
     *
     * @param clauses the first-phase clauses over every searched language, each optional; empty when no language
     *     yields a term (only punctuation, say)
     * @param bonus the second-phase clauses (exact forms, proximity), each optional
     * @param highlight plain term queries over the snippet fields, cheap to highlight with
     * @param languageKeys the language keys that were searched
     */
    record Compiled(
            List<Query> clauses,
            List<Query> backoff,
            List<Query> bonus,
            Query highlight,
            List<String> languageKeys,
            List<String> vocabulary) {
        Compiled(
                List<Query> clauses,
                List<Query> backoff,
                List<Query> bonus,
                Query highlight,
                List<String> languageKeys) {
            this(clauses, backoff, bonus, highlight, languageKeys, List.of());
        }

        /**
         * The text query restricted to the documents {@code filter} matches. The text is one flat disjunction,
         * which Lucene scores with MaxScore, skipping documents that cannot make the page; the filter is applied
         * as the documents it may accept ({@link FilteredByBits}), which keeps MaxScore on its fastest path. A
         * document must match a word clause: the backoff clauses (German word prefixes) only add to the score of
         * one that does, so that a prefix alone ("Registerkarte" for "Registrierungsschlüssel") never makes a hit.
         * That requirement is an {@link AnchoredQuery} around the flat query rather than a required nested
         * disjunction, which Lucene scores one document at a time (German queries with a long word took about a
         * third longer).
         *
         * @param bits the cache of filters' documents per segment
         */
        Query filtered(Query filter, FilterBits bits) {
            if (clauses.isEmpty()) {
                return new MatchNoDocsQuery("no searchable terms in the query");
            }
            var query = new BooleanQuery.Builder();
            clauses.forEach(clause -> query.add(clause, Occur.SHOULD));
            backoff.forEach(clause -> query.add(clause, Occur.SHOULD));
            Query flat = query.build();
            if (!backoff.isEmpty()) {
                var words = new HashSet<Term>();
                clauses.forEach(clause -> clause.visit(QueryVisitor.termCollector(words)));
                flat = new AnchoredQuery(flat, words);
            }
            return new FilteredByBits(flat, filter, bits);
        }
    }

    /**
     * Compiles the text query over the given language keys, searching each corrected word as well, with
     * {@link #CORRECTION_WEIGHT}; it has no clauses when no language yields a term. The first {@code preferred}
     * keys are the query's languages; every clause of the keys after them weighs {@link #CROSS_LANGUAGE_WEIGHT}. The
     * first phase's term queries score with the states {@code lookups} found, so the compiled query is for the
     * reader of {@code lookups}.
     */
    Compiled text(
            String text, List<String> languageKeys, int preferred, Typos.Corrections corrections, TermLookups lookups)
            throws IOException {
        return text(text, languageKeys, preferred, corrections, lookups, QueryVocabulary.NONE, QueryVocabulary.UNSURE);
    }

    /**
     * Compiles the text query as {@link #text(String, List, int, Typos.Corrections, TermLookups)} does, with the
     * synonyms and expansions of {@code vocabulary} for the query's language ({@link QueryVocabulary#queryLanguage})
     * that match the query's words in each language block ({@link #synonyms}).
     */
    Compiled text(
            String text,
            List<String> languageKeys,
            int preferred,
            Typos.Corrections corrections,
            TermLookups lookups,
            QueryVocabulary vocabulary,
            String queryLanguage)
            throws IOException {
        var notes = new LinkedHashSet<String>();
        var clauses = new ArrayList<Query>();
        var backoff = new ArrayList<Query>();
        var bonus = new ArrayList<Query>();
        var highlight = new BooleanQuery.Builder();
        for (int k = 0; k < languageKeys.size(); k++) {
            String key = languageKeys.get(k);
            float weight = k < preferred ? 1f : CROSS_LANGUAGE_WEIGHT;
            String all = field(ArticleFields.ALL, key);
            List<Token> tokens = analyze(analysis.queryAnalyzer(key), all, text);
            if (tokens.isEmpty()) {
                continue;
            }
            var terms = new LinkedHashSet<String>();
            for (Token token : tokens) {
                terms.add(token.term);
            }
            var correctedTerms = new LinkedHashSet<String>();
            for (String correction : corrections.words().values()) {
                for (Token token : analyze(analysis.queryAnalyzer(key), all, correction)) {
                    if (!terms.contains(token.term())) {
                        correctedTerms.add(token.term());
                    }
                }
            }
            block(clauses, backoff, bonus, tokens, terms, correctedTerms, key, weight, text, lookups);
            var highlighted = new LinkedHashSet<>(terms);
            synonyms(
                    clauses,
                    highlighted,
                    notes,
                    vocabulary.matcher(queryLanguage, key),
                    terms,
                    key,
                    weight,
                    text,
                    lookups);
            highlighted.addAll(correctedTerms);
            // A shared prefix is no shared word: snippets mark words, not every "Verteilung" of a "Verteidigung".
            highlighted.removeIf(KbAnalyzers::isPrefix);
            for (String term : highlighted) {
                for (String base : Snippets.SNIPPET_FIELDS) {
                    highlight.add(new TermQuery(new Term(field(base, key), term)), Occur.SHOULD);
                }
            }
        }
        return new Compiled(
                List.copyOf(clauses),
                List.copyOf(backoff),
                List.copyOf(bonus),
                highlight.build(),
                languageKeys,
                List.copyOf(notes));
    }

    private void block(
            List<Query> clauses,
            List<Query> backoff,
            List<Query> bonus,
            List<Token> tokens,
            Set<String> terms,
            Set<String> correctedTerms,
            String key,
            float weight,
            String text,
            TermLookups lookups)
            throws IOException {
        String all = field(ArticleFields.ALL, key);
        for (String term : terms) {
            Query clause = lookups.query(new Term(all, term));
            if (KbAnalyzers.isPrefix(term)) {
                backoff.add(new BoostQuery(clause, PREFIX_WEIGHT * weight));
            } else {
                clauses.add(weight == 1f ? clause : new BoostQuery(clause, weight));
            }
        }
        for (String term : correctedTerms) {
            clauses.add(new BoostQuery(lookups.query(new Term(all, term)), CORRECTION_WEIGHT * weight));
        }
        // Word forms as the article wrote them rank above forms that only match after stemming or splitting.
        String exactField = field(ArticleFields.EXACT, key);
        var exactTerms = new LinkedHashSet<String>();
        for (Token token : analyze(analysis.exactQueryAnalyzer(key), exactField, text)) {
            exactTerms.add(token.term());
        }
        for (String term : exactTerms) {
            bonus.add(new BoostQuery(new TermQuery(new Term(exactField, term)), EXACT_BOOST * weight));
        }
        // Proximity: adjacent words as typed (not decompounded parts) should stand close together.
        List<Token> originals = tokens.stream().filter(Token::original).toList();
        int phrases = 0;
        for (int i = 1; i < originals.size() && phrases < MAX_PHRASES; i++) {
            Token previous = originals.get(i - 1);
            Token current = originals.get(i);
            int gap = current.position() - previous.position();
            // A gap is a removed stopword ("Verteidigung der Panthers"): the phrase keeps it, because the articles
            // keep their stopwords.
            if (gap < 1 || gap > 3 || previous.term().equals(current.term())) {
                continue;
            }
            for (String base : List.of(ArticleFields.TITLE, ArticleFields.ISSUE, ArticleFields.RESOLUTION)) {
                var phrase = new PhraseQuery.Builder()
                        .add(new Term(field(base, key), previous.term()), 0)
                        .add(new Term(field(base, key), current.term()), gap)
                        .setSlop(PHRASE_SLOP)
                        .build();
                bonus.add(new BoostQuery(phrase, PHRASE_BOOST * weight));
            }
            phrases++;
        }
    }

    /**
     * Adds the alternatives of the vocabulary's rule terms that the query's words match, each a first-phase clause
     * at {@link #SYNONYM_WEIGHT} of the block's weight: one word as a term query, several words (a multi-word
     * synonym or expansion, "access point") as a conjunction over {@link ArticleFields#ALL}, which holds no
     * positions. The query's words are matched as the index chain writes them, stopwords included (so that "log
     * in" is two words), each span by its longest rule term; a compound's parts are matched one by one too, so that
     * "Beamerkabel" also searches "Projektor". Alternatives the query already searches are skipped.
     */
    private void synonyms(
            List<Query> clauses,
            Set<String> highlighted,
            Set<String> notes,
            VocabularyMatcher matcher,
            Set<String> terms,
            String key,
            float weight,
            String text,
            TermLookups lookups)
            throws IOException {
        if (matcher.isEmpty()) {
            return;
        }
        String all = field(ArticleFields.ALL, key);
        var words = new ArrayList<String>();
        var parts = new ArrayList<String>();
        // The index chain, as the vocabulary's terms were analysed (QueryVocabulary.words).
        for (Token token : analyze(analysis.indexAnalyzer(), all, text)) {
            if (KbAnalyzers.isPrefix(token.term())) {
                continue;
            }
            (token.original() ? words : parts).add(token.term());
        }
        var added = new HashSet<List<String>>();
        for (VocabularyMatcher.Match match : matcher.matches(words)) {
            for (VocabularyMatcher.Alternative alternative : match.alternatives()) {
                alternative(
                        clauses, highlighted, notes, added, match.matched(), alternative, terms, all, weight, lookups);
            }
        }
        for (String part : parts) {
            for (VocabularyMatcher.Alternative alternative : matcher.alternatives(part)) {
                alternative(clauses, highlighted, notes, added, part, alternative, terms, all, weight, lookups);
            }
        }
    }

    private static void alternative(
            List<Query> clauses,
            Set<String> highlighted,
            Set<String> notes,
            Set<List<String>> added,
            String matched,
            VocabularyMatcher.Alternative alternative,
            Set<String> terms,
            String all,
            float weight,
            TermLookups lookups)
            throws IOException {
        List<String> words = alternative.words();
        if ((words.size() == 1 && terms.contains(words.getFirst()))
                || added.size() >= MAX_ALTERNATIVES
                || !added.add(words)) {
            return;
        }
        Query clause;
        if (words.size() == 1) {
            clause = lookups.query(new Term(all, words.getFirst()));
        } else {
            var conjunction = new BooleanQuery.Builder();
            for (String word : words) {
                conjunction.add(lookups.query(new Term(all, word)), Occur.MUST);
            }
            clause = conjunction.build();
        }
        clauses.add(new BoostQuery(clause, SYNONYM_WEIGHT * weight));
        highlighted.addAll(words);
        notes.add(alternative.kind() + " '" + matched + "' → '" + alternative.term() + "' (vocabulary entry "
                + alternative.entryId() + ")");
    }

    /** An analysed token; {@code original} is false for parts a decompounder added at the same position. */
    private record Token(String term, int position, boolean original) {}

    /** Tokenises with positions; stops before the first token beyond {@link #MAX_TERMS} distinct terms. */
    private static List<Token> analyze(Analyzer analyzer, String field, String text) {
        var tokens = new ArrayList<Token>();
        var distinct = new LinkedHashSet<String>();
        for (Tokens.Token token : Tokens.analyze(analyzer, field, text)) {
            if (distinct.add(token.term()) && distinct.size() > MAX_TERMS) {
                break;
            }
            tokens.add(new Token(token.term(), token.position(), token.increment() > 0));
        }
        return tokens;
    }

    /** Returns the filter: what the viewer may see, intersected with the request's own filters. */
    static Query filter(SearchRequest request, Visibility visibility) {
        var filter = new BooleanQuery.Builder();
        filter.add(visibility(visibility), Occur.FILTER);
        if (!request.states().isEmpty()) {
            filter.add(
                    new TermInSetQuery(
                            ArticleFields.STATE,
                            request.states().stream()
                                    .map(ArticleState::name)
                                    .map(BytesRef::new)
                                    .toList()),
                    Occur.FILTER);
        }
        request.environment()
                .forEach((key, value) -> filter.add(
                        new TermQuery(new Term(
                                ArticleFields.ENV_ATTRIBUTE,
                                key.strip() + "=" + value.strip().toLowerCase(Locale.ROOT))),
                        Occur.FILTER));
        for (String tag : request.tags()) {
            filter.add(new TermQuery(new Term(ArticleFields.TAG, tag.strip().toLowerCase(Locale.ROOT))), Occur.FILTER);
        }
        if (!request.languages().isEmpty()) {
            filter.add(
                    new TermInSetQuery(
                            ArticleFields.LANGUAGE,
                            request.languages().stream()
                                    .map(Languages::tag)
                                    .map(BytesRef::new)
                                    .toList()),
                    Occur.FILTER);
        }
        if (!request.modifiedFrom().equals(Instant.MIN) || !request.modifiedTo().equals(Instant.MAX)) {
            long from = EngineText.epochMillis(request.modifiedFrom());
            long to = EngineText.epochMillis(request.modifiedTo());
            to = to == Long.MAX_VALUE ? to : to - 1;
            filter.add(LongPoint.newRangeQuery(ArticleFields.MODIFIED, from, to), Occur.FILTER);
        }
        return filter.build();
    }

    /**
     * One clause per grant: the article's state and audience as one term ({@link ArticleFields#VISIBILITY}), AND
     * its author for own-only grants. One term per grant is one postings list to intersect with the text query,
     * where the state and audience terms were two.
     */
    static Query visibility(Visibility visibility) {
        Set<Visibility.Grant> grants = visibility.grants();
        if (grants.isEmpty()) {
            return new MatchNoDocsQuery("the viewer may see nothing");
        }
        var any = new BooleanQuery.Builder();
        for (Visibility.Grant grant : grants) {
            Query clause = new TermQuery(
                    new Term(ArticleFields.VISIBILITY, ArticleFields.visibility(grant.state(), grant.audience())));
            if (grant.ownOnly()) {
                clause = new BooleanQuery.Builder()
                        .add(clause, Occur.FILTER)
                        .add(new TermQuery(new Term(ArticleFields.AUTHOR, visibility.authorId())), Occur.FILTER)
                        .build();
            }
            any.add(clause, Occur.SHOULD);
        }
        return any.setMinimumNumberShouldMatch(1).build();
    }
}
