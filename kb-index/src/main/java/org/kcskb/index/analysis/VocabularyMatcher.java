package org.kcskb.index.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.kcskb.vocabulary.Vocabulary;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * The synonyms and expansions of one query language, compiled for matching analysed query words: what both search
 * engines apply at query time, so that a vocabulary change needs no re-indexing and no analyzer reload.
 *
 * <p>Every term of a rule is analysed the way the engine analyses a query's words (the caller's {@code words}
 * function: stemmed, normalised, umlauts as the index writes them), so that "Beamers" matches the rule term
 * "Beamer" and the alternative "Projektor" finds "Projektoren". A rule term of several words is a sequence of
 * analysed words, matched over as many consecutive query words (its position length); its alternatives are word
 * sequences too, which the engine searches as a conjunction over the span (every word of "access point" must
 * occur). Synonyms expand all to all ({@code beamer, projektor}: each finds the other); an expansion one way
 * ({@code ap => access point}: "AP" finds "access point", not the other way round).
 *
 * <p>{@link #matches} scans the query's words left to right and takes the longest rule term starting at each word,
 * as Lucene's {@code SynonymGraphFilter} does. Immutable and thread-safe.
 */
public final class VocabularyMatcher {
    private static final VocabularyMatcher EMPTY = new VocabularyMatcher(Map.of(), 0);

    /** The query language of a query whose language is unsure: the rules of every language apply. */
    public static final String UNSURE = "*";

    /**
     * The query languages an engine compiles matchers for (each registered language, such as German {@code de};
     * none of them, {@code xx}: only the rules for every language apply; and {@link #UNSURE}), each with the languages
     * of the rules that apply.
     */
    private static final Map<String, Set<Locale>> RULE_LANGUAGES = ruleLanguages();

    /**
     * Returns the query languages an engine compiles matchers for: the key of each {@linkplain KbLanguages registered
     * language} ({@code de}, {@code en}, {@code fr}), {@code xx} and {@link #UNSURE}.
     */
    public static Set<String> queryLanguages() {
        return RULE_LANGUAGES.keySet();
    }

    /** Returns the languages of the rules that apply to queries in {@code queryLanguage} (see {@link #queryLanguages}). */
    public static Set<Locale> ruleLanguages(String queryLanguage) {
        return RULE_LANGUAGES.get(queryLanguage);
    }

    private static Map<String, Set<Locale>> ruleLanguages() {
        var languages = new LinkedHashMap<String, Set<Locale>>();
        var every = new LinkedHashSet<Locale>();
        for (LanguageAnalysis language : KbLanguages.all()) {
            languages.put(language.key(), Set.of(language.locale()));
            every.add(language.locale());
        }
        languages.put("xx", Set.of(Locale.ROOT));
        every.add(Locale.ROOT);
        languages.put(UNSURE, Set.copyOf(every));
        return Collections.unmodifiableMap(languages);
    }

    /**
     * Returns the words by which a vocabulary matches {@code text}: the words {@code analyzer} writes in {@code field},
     * one per position, without the compound parts and prefixes stacked on them.
     */
    public static List<String> words(Analyzer analyzer, String field, String text) {
        var words = new ArrayList<String>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (increment.getPositionIncrement() > 0 && !KbAnalyzers.isPrefix(term.toString())) {
                    words.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }

    /**
     * One alternative of a matched span.
     *
     * @param words its analysed words, all required
     * @param term the rule's term as written (normalised), for explanations
     * @param entryId the vocabulary entry that gave it
     * @param kind the kind of rule it comes from, as explanations name it: {@code synonym}, {@code expansion} or
     *     {@code translation}
     */
    public record Alternative(List<String> words, String term, String entryId, String kind) {
        public Alternative {
            words = List.copyOf(words);
            Objects.requireNonNull(term, "term");
            Objects.requireNonNull(entryId, "entryId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A span of the query's words that a rule term matched.
     *
     * @param start the index of its first word in the words given to {@link #matches}
     * @param end the index after its last word
     * @param matched the rule term it matched, as written (normalised)
     * @param alternatives what else to search for the span
     */
    public record Match(int start, int end, String matched, List<Alternative> alternatives) {
        public Match {
            alternatives = List.copyOf(alternatives);
        }
    }

    private record Rule(String term, List<Alternative> alternatives) {}

    private final Map<List<String>, Rule> rules;
    private final int longest;

    private VocabularyMatcher(Map<List<String>, Rule> rules, int longest) {
        this.rules = rules;
        this.longest = longest;
    }

    /** Returns the matcher without rules. */
    public static VocabularyMatcher empty() {
        return EMPTY;
    }

    /**
     * Compiles the synonyms and expansions of {@code vocabulary} that apply to queries in {@code language} (those
     * for every language included; best bets are not the matcher's).
     *
     * @param words analyses a term into the words a query of the language would match it by; a term that yields
     *     no word is left out
     */
    public static VocabularyMatcher compile(
            Vocabulary vocabulary, Locale language, Function<String, List<String>> words) {
        Objects.requireNonNull(language, "language");
        return compile(vocabulary, Set.of(language), words);
    }

    /**
     * Compiles the synonyms and expansions of {@code vocabulary} that apply to queries in any of {@code languages},
     * without translations: for matching where no language block is searched (suggestions).
     */
    public static VocabularyMatcher compile(
            Vocabulary vocabulary, Set<Locale> languages, Function<String, List<String>> words) {
        return compile(vocabulary, languages, Optional.empty(), words);
    }

    /**
     * Compiles the synonyms and expansions of {@code vocabulary} that apply to queries in any of {@code languages}
     * (those for every language included), and the translations into the language of the query's block {@code
     * blockKey} ({@code de}, {@code en}, ...; none for the language-neutral block).
     *
     * @param words analyses a term into the words a query would match it by; a term that yields no word is left
     *     out
     */
    public static VocabularyMatcher compile(
            Vocabulary vocabulary, Set<Locale> languages, String blockKey, Function<String, List<String>> words) {
        Objects.requireNonNull(blockKey, "blockKey");
        return compile(vocabulary, languages, KbLanguages.key(blockKey).map(LanguageAnalysis::locale), words);
    }

    /**
     * Compiles the synonyms and expansions of {@code vocabulary} that apply to queries in any of {@code languages}
     * (those for every language included), and the translations into {@code block}.
     *
     * @param block the language of the block of the query the matcher is for: only translations into it apply (none
     *     for suggestions and the language-neutral block)
     * @param words analyses a term into the words a query would match it by; a term that yields no word is left
     *     out
     */
    private static VocabularyMatcher compile(
            Vocabulary vocabulary,
            Set<Locale> languages,
            Optional<Locale> block,
            Function<String, List<String>> words) {
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(languages, "languages");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(words, "words");
        var analysed = new HashMap<String, List<String>>();
        Function<String, List<String>> analyse =
                term -> analysed.computeIfAbsent(term, t -> List.copyOf(words.apply(t)));
        var alternatives = new LinkedHashMap<List<String>, Map<List<String>, Alternative>>();
        var matchedTerms = new HashMap<List<String>, String>();
        for (VocabularyEntry entry : vocabulary.entries()) {
            if (languages.stream().noneMatch(entry::appliesTo)) {
                continue;
            }
            switch (entry.rule()) {
                case VocabularyRule.Synonyms synonyms -> {
                    for (String from : synonyms.terms()) {
                        for (String to : synonyms.terms()) {
                            if (!from.equals(to)) {
                                add(alternatives, matchedTerms, analyse, from, to, entry.id(), "synonym");
                            }
                        }
                    }
                }
                case VocabularyRule.Expansion expansion -> {
                    for (String to : expansion.to()) {
                        add(alternatives, matchedTerms, analyse, expansion.from(), to, entry.id(), "expansion");
                    }
                }
                case VocabularyRule.Translation translation -> {
                    // The translated words are searched in the articles of their language only.
                    if (block.filter(b ->
                                    b.getLanguage().equals(translation.into().getLanguage()))
                            .isPresent()) {
                        for (String to : translation.to()) {
                            add(alternatives, matchedTerms, analyse, translation.from(), to, entry.id(), "translation");
                        }
                    }
                }
                case VocabularyRule.BestBet bet -> {
                    // Not a matter of words: the engine pins the article.
                }
            }
        }
        if (alternatives.isEmpty()) {
            return EMPTY;
        }
        var rules = new HashMap<List<String>, Rule>();
        int longest = 0;
        for (var rule : alternatives.entrySet()) {
            rules.put(
                    rule.getKey(),
                    new Rule(
                            matchedTerms.get(rule.getKey()),
                            List.copyOf(rule.getValue().values())));
            longest = Math.max(longest, rule.getKey().size());
        }
        return new VocabularyMatcher(Map.copyOf(rules), longest);
    }

    private static void add(
            Map<List<String>, Map<List<String>, Alternative>> alternatives,
            Map<List<String>, String> matchedTerms,
            Function<String, List<String>> analyse,
            String from,
            String to,
            String entryId,
            String kind) {
        List<String> key = analyse.apply(from);
        List<String> target = analyse.apply(to);
        // Two spellings that analyse alike ("log-in", "log in") need no expansion of one into the other.
        if (key.isEmpty() || target.isEmpty() || key.equals(target)) {
            return;
        }
        matchedTerms.putIfAbsent(key, from);
        alternatives
                .computeIfAbsent(key, k -> new LinkedHashMap<>())
                .putIfAbsent(target, new Alternative(target, to, entryId, kind));
    }

    /** Returns whether there are no rules: matching then finds nothing. */
    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The most words a rule term has. */
    public int longest() {
        return longest;
    }

    /**
     * Returns the spans of {@code words} (a query's analysed words in order) that rule terms match, left to right,
     * the longest term at each word, spans not overlapping.
     */
    public List<Match> matches(List<String> words) {
        if (rules.isEmpty() || words.isEmpty()) {
            return List.of();
        }
        var matches = new ArrayList<Match>();
        int i = 0;
        while (i < words.size()) {
            int matched = 0;
            for (int length = Math.min(longest, words.size() - i); length >= 1; length--) {
                Rule rule = rules.get(words.subList(i, i + length));
                if (rule != null) {
                    matches.add(new Match(i, i + length, rule.term(), rule.alternatives()));
                    matched = length;
                    break;
                }
            }
            i += Math.max(1, matched);
        }
        return matches;
    }

    /**
     * Returns {@code words} (typed words, say) rewritten by the rules: first each matched span replaced by one of
     * its alternatives, the rest of the words kept, in the order of {@link #matches} and of the alternatives; then,
     * when several spans matched, every span replaced by its first alternative. At most {@code max}, none when no
     * rule matches; the words themselves are never among them. What search-as-you-type looks up besides the words as
     * typed, so that "Beamer" completes the projector's title and "AP blinkt" the access point's.
     */
    public List<List<String>> rewrites(List<String> words, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        List<Match> matches = matches(words);
        var rewrites = new LinkedHashSet<List<String>>();
        for (Match match : matches) {
            for (Alternative alternative : match.alternatives()) {
                if (rewrites.size() >= max) {
                    return List.copyOf(rewrites);
                }
                var rewritten = new ArrayList<String>(words.subList(0, match.start()));
                rewritten.addAll(alternative.words());
                rewritten.addAll(words.subList(match.end(), words.size()));
                rewrites.add(List.copyOf(rewritten));
            }
        }
        if (matches.size() > 1 && rewrites.size() < max) {
            var rewritten = new ArrayList<String>();
            int at = 0;
            for (Match match : matches) {
                rewritten.addAll(words.subList(at, match.start()));
                rewritten.addAll(match.alternatives().getFirst().words());
                at = match.end();
            }
            rewritten.addAll(words.subList(at, words.size()));
            rewrites.add(List.copyOf(rewritten));
        }
        return List.copyOf(rewrites);
    }

    /** Returns the alternatives of one word on its own (a compound's part, say), or none. */
    public List<Alternative> alternatives(String word) {
        Rule rule = rules.get(List.of(word));
        return rule == null ? List.of() : rule.alternatives();
    }

    @Override
    public String toString() {
        return "VocabularyMatcher[" + rules.size() + " terms]";
    }
}
