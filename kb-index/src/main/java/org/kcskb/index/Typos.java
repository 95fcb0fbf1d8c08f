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
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.util.BytesRef;
import org.kcskb.index.analysis.KbLanguages;
import org.kcskb.index.analysis.LanguageAnalysis;

/**
 * Finds typing errors in a query and their corrections, from the index's own vocabulary of written word forms
 * (the {@link ArticleFields#EXACT} fields, German compounds included).
 *
 * <p>A word is taken for a typo only when it is long enough to carry one (no edits up to 4 characters, one edit
 * for 5 to 8, two from 9) and occurs in at most {@value #RARE} articles of the searched languages that the viewer
 * may see, while a correction within those edits occurs in more of them. So a query of correctly spelled words costs
 * one term lookup per long word and changes nothing; only a rare word runs a Levenshtein-automaton look-up
 * ({@link FuzzyTermsEnum}), which visits only the terms within the allowed edits.
 *
 * <p>Every count is of live articles the viewer may see ({@link TermLookups#visibleDocs}), never of the index:
 * whether a word is taken for a typo, which correction wins and whether one is offered would otherwise tell a
 * visitor whether a word occurs in articles hidden from them (or deleted and not yet merged away). This is also why
 * the look-up is not Lucene's {@code DirectSpellChecker}: it ranks and cuts its candidates by index-wide document
 * frequencies, so a word of hidden articles could take the place of the visible correction.
 *
 * <p>When a query finds nothing the viewer may see, the search is relaxed ({@link #correctRelaxed}): then a word of
 * 4 characters may have one edit as well ("logn" for "login"), only with the first letter kept, since a short word is
 * within one edit of many others. As in every search, the words looked at are those the query analysis keeps:
 * stopwords beside other words are never corrected ("does" is no typo of "dose"). Corrections of short words are
 * kept out of the ordinary search because a short word that is merely rare would gain the matches of its many
 * neighbours ("mail" is one edit from "main", "malt" and "mall"); a query that finds nothing has no matches to drown.
 * Words of up to 3 characters are never corrected.
 *
 * <p>The work per query is bounded: at most {@value #MAX_LOOKUPS} distinct words (the first rare ones of the query)
 * run the automaton look-up, so that 32 random long words cost about what a query with a few typos costs, rather than
 * 32 look-ups in each searched language. Thread-safe.
 */
final class Typos {
    /** A word found in at most this many articles may be a typo. */
    static final int RARE = 1;

    /**
     * Words per query that may run the automaton look-up. A person makes one or two typos in a query; a query with
     * more rare words than this is not a query with typos but a paste or a probe, and each look-up of a long word
     * visits the terms within two edits in each searched language.
     */
    static final int MAX_LOOKUPS = 3;

    private static final int MIN_LENGTH = 5;
    /** The shortest word a relaxed search corrects (one edit, first letter kept). */
    private static final int RELAXED_MIN_LENGTH = 4;

    private static final int TWO_EDITS_FROM = 9;

    /** A correction must be at least this similar (1 minus edits per character of the shorter word). */
    private static final float ACCURACY = 0.5f;

    /** Frequencies of corrections are counted up to this many articles: enough to order a handful of candidates. */
    private static final int FREQUENCY_BOUND = 100;

    private final Analysis analysis;

    Typos(Analysis analysis) {
        this.analysis = analysis;
    }

    /** Returns the number of edits a word of {@code length} characters may have: 0, 1 or 2. */
    static int allowedEdits(int length) {
        return allowedEdits(length, false);
    }

    /** Returns the number of edits a word of {@code length} characters may have, in a relaxed search or not. */
    static int allowedEdits(int length, boolean relaxed) {
        return length < (relaxed ? RELAXED_MIN_LENGTH : MIN_LENGTH) ? 0 : length < TWO_EDITS_FROM ? 1 : 2;
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

    /**
     * Finds the corrections of {@code text} searched in {@code languageKeys}, reading the vocabulary of
     * {@code reader}. Every frequency is counted by {@code lookups} among the live articles the viewer may see, so a
     * correction never reveals a word of an article the viewer may not see, and whether a word is corrected does not
     * depend on such articles either.
     *
     * @param lookups the term look-ups of {@code reader} for the searching viewer, shared with the rest of the search
     */
    Corrections correct(String text, List<String> languageKeys, IndexReader reader, TermLookups lookups) {
        return correct(text, languageKeys, reader, lookups, false);
    }

    /**
     * Finds the corrections of {@code text} for a relaxed search, one that found nothing as typed: as
     * {@link #correct}, but words of 4 characters may have one edit too.
     */
    Corrections correctRelaxed(String text, List<String> languageKeys, IndexReader reader, TermLookups lookups) {
        return correct(text, languageKeys, reader, lookups, true);
    }

    private Corrections correct(
            String text, List<String> languageKeys, IndexReader reader, TermLookups lookups, boolean relaxed) {
        if (languageKeys.isEmpty()) {
            return Corrections.NONE;
        }
        try {
            List<Word> words = words(analysis.exactQueryAnalyzer(languageKeys.getFirst()), text);
            Analyzer stems = analysis.queryAnalyzer(languageKeys.getFirst());
            // Which language the query is in, as far as its words tell: a vote for each language that has a word,
            // and for the language of each correction made; corrections prefer the language with most votes, so that
            // "pirnter offlne" becomes "printer offline", not the German "offene" (as close, but the wrong language).
            // The visible articles (in every language searched) that have each word: read once, for the votes and for
            // rarity; counting stops where the word is no longer rare.
            Map<String, Integer> votes = new HashMap<>();
            Map<String, Integer> documents = new HashMap<>();
            for (Word word : words) {
                if (documents.containsKey(word.form())) {
                    continue;
                }
                int total = 0;
                for (String key : languageKeys) {
                    int frequency = lookups.visibleDocs(exact(key, word.form()), RARE + 1);
                    if (frequency > 0) {
                        votes.merge(key, 1, Integer::sum);
                    }
                    total += frequency;
                }
                documents.put(word.form(), total);
            }
            var corrected = new LinkedHashMap<String, String>();
            var lookedUp = new HashMap<String, Candidate>();
            var replaced = new ArrayList<Word>();
            for (Word word : words) {
                int edits =
                        allowedEdits(word.form().codePointCount(0, word.form().length()), relaxed);
                if (edits == 0 || documents.get(word.form()) > RARE) {
                    continue;
                }
                Candidate candidate;
                if (lookedUp.containsKey(word.form())) {
                    candidate = lookedUp.get(word.form());
                } else if (lookedUp.size() < MAX_LOOKUPS) {
                    // Short words keep their first letter (as long ones with two edits do): a short word is within
                    // one edit of many others, and a typo rarely changes the first letter.
                    int prefix = edits == 2 || word.form().length() < MIN_LENGTH ? 1 : 0;
                    candidate = best(word.form(), edits, prefix, languageKeys, reader, lookups, votes);
                    lookedUp.put(word.form(), candidate);
                    if (candidate != null) {
                        votes.merge(candidate.key(), 1, Integer::sum);
                    }
                } else {
                    continue;
                }
                if (candidate != null && !inflection(word.form(), candidate.word(), stems)) {
                    corrected.put(word.form(), candidate.word());
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

    private static Term exact(String languageKey, String form) {
        return new Term(ArticleFields.field(ArticleFields.EXACT, languageKey), form);
    }

    /**
     * A correction found in a language's vocabulary.
     *
     * @param similarity 1 minus the edits per character of the shorter word, as Lucene's fuzzy matching scores it
     * @param frequency the visible live articles that hold it, up to {@link #FREQUENCY_BOUND}
     */
    private record Candidate(String key, String word, float similarity, int frequency) {}

    /**
     * The correction in the language with most votes, then the most similar, then the most frequent among what the
     * viewer may see, then the first in alphabetical order; null when there is none. Every term within the edits is
     * visited, and each is counted among the visible articles: taking the index's first few by index-wide
     * frequency, as a spell checker does, would let hidden words crowd out a visible correction.
     */
    private static Candidate best(
            String form,
            int edits,
            int prefix,
            List<String> languageKeys,
            IndexReader reader,
            TermLookups lookups,
            Map<String, Integer> votes)
            throws IOException {
        var candidates = new ArrayList<Candidate>();
        var typed = new BytesRef(form);
        for (String key : languageKeys) {
            String field = ArticleFields.field(ArticleFields.EXACT, key);
            Terms terms = MultiTerms.getTerms(reader, field);
            if (terms == null) {
                continue;
            }
            // A correction must be more common than the typed word among what the viewer may see (at least one).
            int typedFrequency = lookups.visibleDocs(new Term(field, form), RARE + 1);
            // Two edits from the first letter would visit much of the vocabulary; long words keep their first letter.
            var fuzzy = new FuzzyTermsEnum(terms, new Term(field, form), edits, prefix, true);
            for (BytesRef term = fuzzy.next(); term != null; term = fuzzy.next()) {
                float similarity = fuzzy.getBoost();
                if (similarity < ACCURACY || term.bytesEquals(typed)) {
                    continue;
                }
                var candidate = new Term(field, BytesRef.deepCopyOf(term));
                int frequency = lookups.visibleDocs(candidate, FREQUENCY_BOUND);
                if (frequency > typedFrequency) {
                    candidates.add(new Candidate(key, candidate.text(), similarity, frequency));
                }
            }
        }
        return candidates.stream()
                .min(Comparator.<Candidate>comparingInt(c -> -votes.getOrDefault(c.key(), 0))
                        .thenComparingDouble(c -> -c.similarity())
                        .thenComparingInt(c -> -c.frequency())
                        .thenComparing(Candidate::word))
                .orElse(null);
    }

    /**
     * Word endings of inflection after a stem, those of every registered language
     * ({@link LanguageAnalysis#inflectionEndings()}): a query's language is a guess, and a word typed in a language
     * borrows its neighbours' endings ("downloaden").
     */
    private static final Set<String> ENDINGS = endings();

    private static Set<String> endings() {
        var endings = new HashSet<String>();
        for (LanguageAnalysis language : KbLanguages.all()) {
            endings.addAll(language.inflectionEndings());
        }
        return Set.copyOf(endings);
    }

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
