package org.kcskb.vocabulary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.kcskb.InvalidInputException;
import org.kcskb.article.ArticleId;

/**
 * An immutable snapshot of vocabulary entries: what a search engine applies at query time.
 *
 * <p>A knowledge base's effective vocabulary is its base vocabulary (configured in code; by default the {@linkplain
 * #starter() starter sets}) followed by the entries managed through the API. Entry ids are unique: {@link #plus}
 * replaces an entry of the same id.
 *
 * <p>Vocabulary files, as {@link #parse} reads them and the starter sets are written, hold one rule per line in the
 * format of Solr's synonym files: {@code beamer, projektor} for words that mean the same, {@code ap => access
 * point, accesspoint} for a one-way expansion ({@code pw, pwd => password} for several at once); {@code #} starts a
 * comment. Immutable and thread-safe.
 *
 * @param entries the entries, in order, with distinct ids
 */
public record Vocabulary(List<VocabularyEntry> entries) {
    private static final Vocabulary EMPTY = new Vocabulary(List.of());
    private static final List<Locale> STARTER_LANGUAGES = List.of(Locale.GERMAN, Locale.ENGLISH);

    public Vocabulary {
        var byId = new LinkedHashMap<String, VocabularyEntry>();
        for (VocabularyEntry entry : entries) {
            if (byId.putIfAbsent(entry.id(), entry) != null) {
                throw new IllegalArgumentException("Two vocabulary entries have the id '" + entry.id()
                        + "'; give each its own id, or use plus() to replace one");
            }
        }
        entries = List.copyOf(byId.values());
    }

    /** Returns the empty vocabulary: no synonyms, expansions or best bets (to turn the starter sets off). */
    public static Vocabulary empty() {
        return EMPTY;
    }

    /**
     * Returns the starter sets of every language that has one (German and English), followed by the starter
     * translations between them ({@link #starterTranslations()}).
     */
    public static Vocabulary starter() {
        return new Vocabulary(Stream.concat(
                        STARTER_LANGUAGES.stream().flatMap(language -> starter(language).entries().stream()),
                        starterTranslations().entries().stream())
                .toList());
    }

    /**
     * Returns the starter translations between German and English: the words of common support issues in both
     * languages, so that a query in one language also finds an issue documented only in the other (see {@link
     * #parseTranslations}). Their ids start with {@code starter-de-en-} (German words expanded to English ones) and
     * {@code starter-en-de-}; drop them with {@code Vocabulary.starter().without(Vocabulary.starterTranslations())}.
     */
    public static Vocabulary starterTranslations() {
        String resource = "starter-de-en.txt";
        try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The starter translations " + resource + " are missing from the jar");
            }
            return parseTranslations(
                    "starter", Locale.GERMAN, Locale.ENGLISH, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the starter translations " + resource, e);
        }
    }

    /**
     * Returns the starter set of common support abbreviations and colloquial synonyms of {@code language}, with ids
     * {@code starter-<language>-<line>}; empty for a language without one.
     */
    public static Vocabulary starter(Locale language) {
        Objects.requireNonNull(language, "language");
        String tag = language.getLanguage();
        String resource = "starter-" + tag + ".txt";
        try (InputStream in = Vocabulary.class.getResourceAsStream(resource)) {
            if (in == null) {
                return EMPTY;
            }
            return parse("starter-" + tag, Locale.of(tag), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the starter vocabulary " + resource, e);
        }
    }

    /**
     * Reads a vocabulary file (see the class comment) as base entries with ids {@code <idPrefix>-<line>}. A line
     * {@code a, b => c} expands each of {@code a} and {@code b} to {@code c}, as in Solr: one entry per term left
     * of {@code =>}, with ids {@code <idPrefix>-<line>-1}, {@code <idPrefix>-<line>-2}.
     *
     * @throws InvalidInputException naming the line, when a rule is invalid
     */
    public static Vocabulary parse(String idPrefix, Locale language, String text) {
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        var entries = new ArrayList<VocabularyEntry>();
        for (Line line : lines(text)) {
            int i = line.number() - 1;
            try {
                List<VocabularyRule> rules = rules(line.text());
                for (int k = 0; k < rules.size(); k++) {
                    String id = idPrefix + "-" + (i + 1) + (rules.size() == 1 ? "" : "-" + (k + 1));
                    entries.add(VocabularyEntry.base(id, language, rules.get(k)));
                }
            } catch (InvalidInputException e) {
                throw new InvalidInputException(
                        "vocabulary line " + (i + 1) + " of " + idPrefix,
                        line.text().strip(),
                        e.getMessage() + " (write 'a, b' for words that mean the same, 'a => b, c' for an expansion)");
            }
        }
        return new Vocabulary(entries);
    }

    /**
     * Reads a translations file: one concept per line, its words in {@code first} and in {@code second} separated by
     * {@code |} ({@code drucker, druckgerät | printer}); {@code #} starts a comment. Each word of either side becomes
     * a {@link VocabularyRule.Translation} into the other side's words: a {@code first} entry with id {@code
     * <idPrefix>-<first>-<second>-<line>[-<k>]}, and a {@code second} entry with id {@code
     * <idPrefix>-<second>-<first>-<line>[-<k>]}. A query's translated words are searched in the articles written in
     * the other language.
     *
     * @throws InvalidInputException naming the line, when a line has no {@code |}, an empty side, or an invalid term
     */
    public static Vocabulary parseTranslations(String idPrefix, Locale first, Locale second, String text) {
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(text, "text");
        String forward = idPrefix + "-" + first.getLanguage() + "-" + second.getLanguage();
        String backward = idPrefix + "-" + second.getLanguage() + "-" + first.getLanguage();
        var entries = new ArrayList<VocabularyEntry>();
        for (Line numbered : lines(text)) {
            int i = numbered.number() - 1;
            String line = numbered.text();
            int bar = line.indexOf('|');
            List<String> left = bar < 0 ? List.of() : split(line.substring(0, bar));
            List<String> right = bar < 0 ? List.of() : split(line.substring(bar + 1));
            if (bar < 0 || bar != line.lastIndexOf('|') || left.isEmpty() || right.isEmpty()) {
                throw new InvalidInputException(
                        "translation line " + (i + 1) + " of " + idPrefix,
                        line.strip(),
                        "write the " + first.getDisplayLanguage(Locale.ENGLISH) + " words, one '|', then the "
                                + second.getDisplayLanguage(Locale.ENGLISH) + " words, each side comma-separated"
                                + " ('drucker, druckgerät | printer')");
            }
            try {
                add(entries, forward + "-" + (i + 1), first, second, left, right);
                add(entries, backward + "-" + (i + 1), second, first, right, left);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(
                        "translation line " + (i + 1) + " of " + idPrefix, line.strip(), e.getMessage());
            }
        }
        return new Vocabulary(entries);
    }

    /** A line of a vocabulary file with something on it: its number (from 1) and its text without the comment. */
    private record Line(int number, String text) {}

    /** The lines of a vocabulary file that hold a rule, without comments ({@code #} to the end of the line). */
    private static List<Line> lines(String text) {
        var lines = new ArrayList<Line>();
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            int comment = line.indexOf('#');
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            if (!line.isBlank()) {
                lines.add(new Line(i + 1, line));
            }
        }
        return lines;
    }

    private static void add(
            List<VocabularyEntry> entries,
            String id,
            Locale language,
            Locale into,
            List<String> from,
            List<String> to) {
        for (int k = 0; k < from.size(); k++) {
            var rule = new VocabularyRule.Translation(from.get(k), into, to);
            entries.add(VocabularyEntry.base(from.size() == 1 ? id : id + "-" + (k + 1), language, rule));
        }
    }

    /** The rules of one line: synonyms, or one expansion per term left of {@code =>} (as in Solr). */
    private static List<VocabularyRule> rules(String line) {
        int arrow = line.indexOf("=>");
        if (arrow < 0) {
            return List.of(new VocabularyRule.Synonyms(split(line)));
        }
        List<String> to = split(line.substring(arrow + 2));
        List<String> from = split(line.substring(0, arrow));
        if (from.isEmpty()) {
            // Reported by the rule: an empty abbreviation.
            return List.of(new VocabularyRule.Expansion("", to));
        }
        return from.stream()
                .<VocabularyRule>map(term -> new VocabularyRule.Expansion(term, to))
                .toList();
    }

    private static List<String> split(String terms) {
        return Arrays.stream(terms.split(",")).filter(t -> !t.isBlank()).toList();
    }

    /** Returns this vocabulary followed by {@code other}'s entries; an entry of {@code other} replaces one of the same id. */
    public Vocabulary plus(Vocabulary other) {
        var byId = new LinkedHashMap<String, VocabularyEntry>();
        Stream.concat(entries.stream(), other.entries.stream()).forEach(e -> byId.put(e.id(), e));
        return new Vocabulary(List.copyOf(byId.values()));
    }

    /** Returns this vocabulary without the entries of {@code other} (by id). */
    public Vocabulary without(Vocabulary other) {
        return without(other.entries.stream().map(VocabularyEntry::id).toArray(String[]::new));
    }

    /** Returns this vocabulary without the entries whose id is one of {@code ids}. */
    public Vocabulary without(String... ids) {
        var drop = Set.of(Arrays.stream(ids).distinct().toArray(String[]::new));
        return new Vocabulary(
                entries.stream().filter(e -> !drop.contains(e.id())).toList());
    }

    /** Returns the entries that apply to queries in {@code queryLanguage}, those for every language included. */
    public List<VocabularyEntry> forLanguage(Locale queryLanguage) {
        return entries.stream().filter(e -> e.appliesTo(queryLanguage)).toList();
    }

    /**
     * Returns the best bets for {@code query} (normalised here) that apply to any of {@code queryLanguages}, in entry
     * order, one per pinned article (the first entry wins); the engine shows those the viewer may see first.
     */
    public List<VocabularyEntry> bestBets(Collection<Locale> queryLanguages, String query) {
        String normal = VocabularyRule.normalize(query);
        var pinned = new LinkedHashMap<ArticleId, VocabularyEntry>();
        for (VocabularyEntry entry : entries) {
            if (entry.rule() instanceof VocabularyRule.BestBet bet
                    && bet.query().equals(normal)
                    && queryLanguages.stream().anyMatch(entry::appliesTo)) {
                pinned.putIfAbsent(bet.article(), entry);
            }
        }
        return List.copyOf(pinned.values());
    }

    /** Returns the articles pinned by best bets to {@code query} in {@code queryLanguage}; see {@link #bestBets(Collection, String)}. */
    public List<ArticleId> bestBets(Locale queryLanguage, String query) {
        return bestBets(List.of(queryLanguage), query).stream()
                .map(e -> ((VocabularyRule.BestBet) e.rule()).article())
                .toList();
    }

    /** Returns whether there are no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
