package org.kcskb.vocabulary;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.kcskb.InvalidInputException;
import org.kcskb.article.ArticleId;

/**
 * What a {@link VocabularyEntry} says: words that mean the same, an abbreviation and what it stands for, or the
 * article a query should find first.
 *
 * <p>Terms are what people type, one or more words ({@code "VPN"}, {@code "Fernzugriff"}, {@code "access point"}):
 * they are stored {@linkplain #normalize(String) normalised} (Unicode NFKC, lower case, single spaces) and analysed
 * by the search engine at query time like the query itself, so inflected and compound forms follow. Immutable and
 * thread-safe.
 */
public sealed interface VocabularyRule {
    /** The most words a term may have. */
    int MAX_TERM_WORDS = 6;
    /** The longest term in characters. */
    int MAX_TERM_LENGTH = 100;
    /** The most terms of one rule. */
    int MAX_TERMS = 32;

    /** Returns every term the rule names, the query of a best bet included, normalised. */
    List<String> terms();

    /**
     * Words that mean the same: a query with any of them also finds articles with any other ("Beamer", "Projektor").
     *
     * @param terms 2 to {@link #MAX_TERMS} distinct terms
     */
    record Synonyms(List<String> terms) implements VocabularyRule {
        public Synonyms {
            terms = checkTerms("synonyms", terms, 2);
        }

        public static Synonyms of(String... terms) {
            return new Synonyms(List.of(terms));
        }
    }

    /**
     * A one-way expansion: a query with {@code from} also finds articles with any of {@code to}, but not the other way
     * round ("AP" → "access point": a query for "access point" should not find every "AP").
     *
     * @param from the abbreviation or shorthand
     * @param to 1 to {@link #MAX_TERMS} terms it stands for, other than {@code from}
     */
    record Expansion(String from, List<String> to) implements VocabularyRule {
        public Expansion {
            from = checkTerm("from", from);
            to = checkTerms("to", to, 1);
            if (to.contains(from)) {
                throw new InvalidInputException(
                        "to", to, "names '" + from + "' itself; list only what '" + from + "' stands for");
            }
        }

        public static Expansion of(String from, String... to) {
            return new Expansion(from, List.of(to));
        }

        @Override
        public List<String> terms() {
            var all = new ArrayList<String>(to.size() + 1);
            all.add(from);
            all.addAll(to);
            return List.copyOf(all);
        }
    }

    /**
     * A translation: a query in the entry's language with {@code from} also finds the articles written in {@code
     * into} that hold any of {@code to}, and only those ("drucker" → English "printer": German articles that name
     * the product "Acme Print" are not German printer articles). It is one way; the other language's entry says the
     * way back. Searched below the query's own language, so the issue documented in the query's language ranks
     * first.
     *
     * @param from the word in the entry's language
     * @param into the language of {@code to} (only the language is kept: {@code en}, not {@code en-GB})
     * @param to 1 to {@link #MAX_TERMS} words in {@code into} for it
     */
    record Translation(String from, Locale into, List<String> to) implements VocabularyRule {
        public Translation {
            from = checkTerm("from", from);
            Objects.requireNonNull(into, "into");
            if (into.getLanguage().isEmpty()) {
                throw new InvalidInputException(
                        "into", into, "name the language of the translated words, for example Locale.ENGLISH");
            }
            into = Locale.of(into.getLanguage());
            to = checkTerms("to", to, 1);
        }

        public static Translation of(String from, Locale into, String... to) {
            return new Translation(from, into, List.of(to));
        }

        @Override
        public List<String> terms() {
            var all = new ArrayList<String>(to.size() + 1);
            all.add(from);
            all.addAll(to);
            return List.copyOf(all);
        }
    }

    /**
     * A best bet: a search whose {@linkplain #normalize(String) normalised} text equals {@code query} shows
     * {@code article} first, to the viewers who may see it (to anyone else the search is answered as if there were
     * no best bet).
     *
     * @param query the query, as people type it ("ausfall")
     * @param article the article to show first
     */
    record BestBet(String query, ArticleId article) implements VocabularyRule {
        public BestBet {
            query = checkTerm("query", query);
            Objects.requireNonNull(article, "article");
        }

        @Override
        public List<String> terms() {
            return List.of(query);
        }
    }

    /**
     * Returns {@code term} as rules store it and as engines compare it: Unicode NFKC, lower case, trimmed, runs of
     * white space as one space. Umlauts and accents stay.
     */
    static String normalize(String term) {
        Objects.requireNonNull(term, "term");
        String folded = Normalizer.normalize(term, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return String.join(" ", folded.strip().split("\\s+"));
    }

    private static String checkTerm(String field, String term) {
        Objects.requireNonNull(term, field);
        String normal = normalize(term);
        if (normal.isEmpty() || normal.length() > MAX_TERM_LENGTH) {
            throw new InvalidInputException(
                    field, term, "give 1 to " + MAX_TERM_LENGTH + " characters, for example 'vpn' or 'access point'");
        }
        if (normal.split(" ").length > MAX_TERM_WORDS) {
            throw new InvalidInputException(field, term, "give at most " + MAX_TERM_WORDS + " words");
        }
        if (normal.codePoints().anyMatch(c -> Character.isISOControl(c) || c == ',' || c == '=' || c == '>')) {
            throw new InvalidInputException(
                    field, term, "remove control characters, commas and '=>'; give each term on its own");
        }
        if (normal.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new InvalidInputException(field, term, "a term needs at least one letter or digit");
        }
        return normal;
    }

    private static List<String> checkTerms(String field, List<String> terms, int min) {
        Objects.requireNonNull(terms, field);
        var distinct = new LinkedHashSet<String>();
        for (String term : terms) {
            distinct.add(checkTerm(field, term));
        }
        if (distinct.size() < min || distinct.size() > MAX_TERMS) {
            throw new InvalidInputException(
                    field,
                    terms,
                    "give " + min + " to " + MAX_TERMS + " distinct terms"
                            + (min == 2 ? ", for example [\"beamer\", \"projektor\"]" : ""));
        }
        return List.copyOf(distinct);
    }
}
