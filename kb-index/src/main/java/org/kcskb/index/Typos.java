package org.kcskb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

/**
 * Finds typing errors in a query and their corrections, from the index's own vocabulary of written word forms
 * (the {@link ArticleFields#EXACT} fields, German compounds included).
 *
 * <p>A word is taken for a typo only when it is long enough to carry one (no edits up to 4 characters, one edit
 * for 5 to 8, two from 9) and occurs in at most {@value #RARE} articles of the searched languages, while a
 * correction within those edits occurs in more. So a query of correctly spelled words costs one term lookup per
 * long word and changes nothing; only a rare word runs Lucene's Levenshtein-automaton look-up
 * ({@link DirectSpellChecker}), which visits only the terms within the allowed edits. Thread-safe.
 */
final class Typos {
    /** A word found in at most this many articles may be a typo. */
    static final int RARE = 1;

    /** Corrections considered per language, best first, until one is visible to the viewer. */
    private static final int CANDIDATES = 3;

    private static final int MIN_LENGTH = 5;
    private static final int TWO_EDITS_FROM = 9;

    private final Analysis analysis;
    private final DirectSpellChecker oneEdit;
    private final DirectSpellChecker twoEdits;

    Typos(Analysis analysis) {
        this.analysis = analysis;
        this.oneEdit = checker(1, 0);
        // Two edits from the first letter would visit much of the vocabulary; long words keep their first letter.
        this.twoEdits = checker(2, 1);
    }

    private static DirectSpellChecker checker(int maxEdits, int minPrefix) {
        var checker = new DirectSpellChecker();
        checker.setMaxEdits(maxEdits);
        checker.setMinPrefix(minPrefix);
        checker.setMinQueryLength(MIN_LENGTH);
        checker.setMaxQueryFrequency(RARE + 1);
        // With SUGGEST_MORE_POPULAR a correction must occur in more articles than the typed word, so at least one.
        checker.setThresholdFrequency(0);
        checker.setAccuracy(0.5f);
        return checker;
    }

    /** Returns the number of edits a word of {@code length} characters may have: 0, 1 or 2. */
    static int allowedEdits(int length) {
        return length < MIN_LENGTH ? 0 : length < TWO_EDITS_FROM ? 1 : 2;
    }

    /**
     * A word of the query as typed.
     *
     * @param form the word in its exact normal form (as the {@link ArticleFields#EXACT} field holds words)
     * @param start where the word starts in the query text
     * @param end where it ends
     */
    record Word(String form, int start, int end) {}

    /**
     * The corrections of a query.
     *
     * @param words the corrected words: exact normal form of the typed word to its correction (in normal form)
     * @param text the query text as typed
     * @param replaced the words of the text that were corrected, in text order
     */
    record Corrections(Map<String, String> words, String text, List<Word> replaced) {
        static final Corrections NONE = new Corrections(Map.of(), "", List.of());

        boolean isEmpty() {
            return words.isEmpty();
        }

        /**
         * Returns the text with each corrected word replaced by its correction as {@code surface} spells it (the
         * normal form folds umlauts, which a person would rather see: "kündigung", not "kundigung").
         */
        String correctedText(Function<String, String> surface) {
            var corrected = new StringBuilder(text.length() + 8);
            int copied = 0;
            for (Word word : replaced) {
                corrected.append(text, copied, word.start()).append(surface.apply(words.get(word.form())));
                copied = word.end();
            }
            return corrected.append(text, copied, text.length()).toString();
        }
    }

    /** Tells whether a viewer may see an article with a word (in exact normal form) in a language's fields. */
    @FunctionalInterface
    interface Visible {
        boolean anyWith(String languageKey, String form) throws IOException;
    }

    /**
     * Finds the corrections of {@code text} searched in {@code languageKeys}, reading the vocabulary of
     * {@code reader}. Only a word that {@code visible} confirms can be a correction, so that a correction never
     * reveals a word of an article the viewer may not see.
     *
     * @param lookups the term look-ups of {@code reader}, shared with the rest of the search
     */
    Corrections correct(
            String text, List<String> languageKeys, IndexReader reader, TermLookups lookups, Visible visible) {
        if (languageKeys.isEmpty()) {
            return Corrections.NONE;
        }
        try {
            List<Word> words = words(analysis.exactQueryAnalyzer(languageKeys.getFirst()), text);
            Analyzer stems = analysis.queryAnalyzer(languageKeys.getFirst());
            // Which language the query is in, as far as its words tell: a vote for each language that has a word,
            // and for the language of each correction made; corrections prefer the language with most votes, so that
            // "pirnter offlne" becomes "printer offline", not the German "offene" (as close, but the wrong language).
            // The articles (in every language searched) that have each word: read once, for the votes and for rarity.
            Map<String, Integer> votes = new HashMap<>();
            Map<String, Integer> documents = new HashMap<>();
            for (Word word : words) {
                int total = 0;
                for (String key : languageKeys) {
                    int frequency =
                            lookups.docFreq(new Term(ArticleFields.field(ArticleFields.EXACT, key), word.form()));
                    if (frequency > 0) {
                        votes.merge(key, 1, Integer::sum);
                    }
                    total += frequency;
                }
                documents.put(word.form(), total);
            }
            var corrected = new LinkedHashMap<String, String>();
            var replaced = new ArrayList<Word>();
            for (Word word : words) {
                int edits =
                        allowedEdits(word.form().codePointCount(0, word.form().length()));
                if (edits == 0 || documents.get(word.form()) > RARE) {
                    continue;
                }
                String best;
                if (corrected.containsKey(word.form())) {
                    best = corrected.get(word.form());
                } else {
                    Candidate candidate = best(word.form(), edits, languageKeys, reader, visible, votes);
                    best = candidate == null ? null : candidate.word().string;
                    if (candidate != null) {
                        votes.merge(candidate.key(), 1, Integer::sum);
                    }
                }
                if (best != null && !inflection(word.form(), best, stems)) {
                    corrected.put(word.form(), best);
                    replaced.add(word);
                }
            }
            if (corrected.isEmpty()) {
                return Corrections.NONE;
            }
            return new Corrections(Map.copyOf(corrected), text, List.copyOf(replaced));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the index vocabulary for typo correction failed", e);
        }
    }

    /**
     * The correction in the language with most votes, then the most similar, then the most frequent, that the
     * viewer may see; null when there is none.
     */
    /** A correction found in a language's vocabulary. */
    private record Candidate(String key, SuggestWord word) {}

    private Candidate best(
            String form,
            int edits,
            List<String> languageKeys,
            IndexReader reader,
            Visible visible,
            Map<String, Integer> votes)
            throws IOException {
        DirectSpellChecker checker = edits == 1 ? oneEdit : twoEdits;
        var candidates = new ArrayList<Candidate>();
        for (String key : languageKeys) {
            for (SuggestWord suggestion : checker.suggestSimilar(
                    new Term(ArticleFields.field(ArticleFields.EXACT, key), form),
                    CANDIDATES,
                    reader,
                    SuggestMode.SUGGEST_MORE_POPULAR)) {
                candidates.add(new Candidate(key, suggestion));
            }
        }
        candidates.sort(Comparator.<Candidate>comparingInt(c -> -votes.getOrDefault(c.key(), 0))
                .thenComparingDouble(c -> -c.word().score)
                .thenComparingInt(c -> -c.word().freq)
                .thenComparing(c -> c.word().string));
        for (Candidate candidate : candidates) {
            if (visible.anyWith(candidate.key(), candidate.word().string)) {
                return candidate;
            }
        }
        return null;
    }

    /** Word endings of German and English inflection, after a stem. */
    private static final Set<String> ENDINGS = Set.of(
            "", "e", "em", "en", "end", "er", "ern", "es", "est", "et", "n", "s", "st", "t", "te", "ten", "ter", "ed",
            "ing", "ings");

    /**
     * Whether a correction is only another inflection of the typed word ("beantragen" and "beantragt"): then the
     * word is no typo but merely rare in this knowledge base, and "correcting" it would search for another word.
     * Both must be a common stem of at least 4 letters plus an inflection ending; "druckerr" is not ("rr").
     */
    private static boolean inflection(String typed, String correction, Analyzer stems) {
        var candidates = new HashSet<>(stems(stems, typed));
        candidates.addAll(stems(stems, correction));
        for (String stem : candidates) {
            if (stem.length() >= 4
                    && typed.startsWith(stem)
                    && correction.startsWith(stem)
                    && ENDINGS.contains(typed.substring(stem.length()))
                    && ENDINGS.contains(correction.substring(stem.length()))) {
                return true;
            }
        }
        return false;
    }

    /** The analysed terms of one word, as a search would look them up. */
    private static Set<String> stems(Analyzer analyzer, String word) {
        var terms = new HashSet<String>();
        for (Tokens.Token token : Tokens.analyze(analyzer, "", word)) {
            terms.add(token.term());
        }
        return terms;
    }

    /** The query's words in exact normal form, with their offsets in the text; the first {@link QueryCompiler#MAX_TERMS}. */
    static List<Word> words(Analyzer exactAnalyzer, String text) {
        return Tokens.analyze(exactAnalyzer, "", text).stream()
                .limit(QueryCompiler.MAX_TERMS)
                .map(token -> new Word(token.term(), token.start(), token.end()))
                .toList();
    }
}
