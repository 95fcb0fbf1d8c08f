package org.kcskb;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.kcskb.analytics.Reformulation;
import org.kcskb.vocabulary.SynonymProposal;
import org.kcskb.vocabulary.Vocabulary;
import org.kcskb.vocabulary.VocabularyEntry;
import org.kcskb.vocabulary.VocabularyRule;

/**
 * Turns reformulated searches into {@link SynonymProposal}s: per reformulation the words that differ, without
 * common words, personal-looking text or what the vocabulary already relates; grouped by language and rule,
 * counted by distinct visitor. Stateless; thread-safe.
 */
final class SynonymProposals {
    /** Splits a normalised query into words: letters and digits, anything else separates. */
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /**
     * Words too common to be a synonym on their own (German and English function words, and the negations and
     * verbs of complaint that both wordings of a problem share in meaning but not in form).
     */
    private static final Set<String> COMMON = Set.copyOf(List.of((
            // German
            "der die das den dem des ein eine einen einem einer eines und oder nicht kein keine keinen ist"
                    + " sind war wird werden mit von vom zu zum zur im in an am auf für bei nach aus wie was wo"
                    + " ich mein meine meinen mir mich wir sie es er man geht kann nur noch mehr auch so da dass"
                    + " wenn"
                    // English
                    + " the a an and or not no is are was be to of for in on at by with from how what where"
                    + " why i my me we you it can cannot doesn don does do won isn")
            .split(" ")));

    private SynonymProposals() {}

    /**
     * Returns the proposals made of {@code reformulations} that at least {@code minVisitors} distinct visitors
     * share, most visitors first (then the latest first, then by failed query and language), at most {@code
     * limit}.
     */
    static List<SynonymProposal> propose(
            List<Reformulation> reformulations,
            LearningRules rules,
            Vocabulary vocabulary,
            int minVisitors,
            int limit) {
        // The words in any order: "fehlt lohnzettel" groups with "lohnzettel fehlt"; the rule keeps the latest order.
        record Key(Locale language, Set<String> removed, Set<String> added) {}
        final class Group {
            final Set<String> visitors = new HashSet<>();
            Reformulation latest;
            VocabularyRule rule;
        }
        Map<Key, Group> groups = new HashMap<>();
        for (Reformulation r : reformulations) {
            if (rules.looksPersonal(r.failedQuery()) || rules.looksPersonal(r.query())) {
                continue;
            }
            Locale language = language(r);
            Set<String> failed = words(r.failedQuery());
            Set<String> then = words(r.query());
            var removed = new LinkedHashSet<>(failed);
            removed.removeAll(then);
            var added = new LinkedHashSet<>(then);
            added.removeAll(failed);
            if (removed.isEmpty() || added.isEmpty()) {
                // A refinement ("drucker" -> "drucker treiber") or a shortening says nothing about synonyms.
                continue;
            }
            VocabularyRule rule;
            try {
                String from = String.join(" ", removed);
                String to = String.join(" ", added);
                rule = removed.size() == 1 && added.size() == 1
                        ? VocabularyRule.Synonyms.of(from, to)
                        : VocabularyRule.Expansion.of(from, to);
            } catch (InvalidInputException e) {
                continue; // Too many words for a rule: a whole new question rather than a reformulation.
            }
            if (related(vocabulary, language, removed, added)) {
                continue;
            }
            Group group = groups.computeIfAbsent(
                    new Key(language, new TreeSet<>(removed), new TreeSet<>(added)), k -> new Group());
            group.visitors.add(r.visitor());
            if (group.latest == null || LATEST.compare(r, group.latest) < 0) {
                group.latest = r;
                group.rule = rule;
            }
        }
        return groups.entrySet().stream()
                .filter(e -> e.getValue().visitors.size() >= minVisitors)
                .map(e -> new SynonymProposal(
                        e.getValue().latest.failedQuery(),
                        e.getValue().latest.query(),
                        e.getKey().language(),
                        e.getValue().visitors.size(),
                        e.getValue().latest.at(),
                        e.getValue().rule))
                .sorted(Comparator.comparingLong(SynonymProposal::visitors)
                        .reversed()
                        .thenComparing(SynonymProposal::lastSeen, Comparator.reverseOrder())
                        .thenComparing(SynonymProposal::failedQuery)
                        .thenComparing(p -> p.language().toLanguageTag()))
                .limit(limit)
                .toList();
    }

    /** The latest reformulation first; ties by the texts, so that every store gives the same example. */
    private static final Comparator<Reformulation> LATEST = Comparator.comparing(
                    Reformulation::at, Comparator.<Instant>reverseOrder())
            .thenComparing(Reformulation::failedQuery)
            .thenComparing(Reformulation::query);

    /** The failed search's language, or the reformulation's when that one is unknown; only the language. */
    private static Locale language(Reformulation r) {
        Locale language = r.failedLanguage().getLanguage().isEmpty() ? r.language() : r.failedLanguage();
        return language.getLanguage().isEmpty() ? Locale.ROOT : Locale.of(language.getLanguage());
    }

    /** The words of a normalised query that can carry meaning, in order. */
    static Set<String> words(String normalizedQuery) {
        var words = new LinkedHashSet<String>();
        for (String word : NON_WORD.split(normalizedQuery)) {
            if (word.length() > 1 && !COMMON.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * Whether an entry of the vocabulary for {@code language} relates a removed word to an added one already (both
     * among its terms, or among the words of its terms).
     */
    private static boolean related(Vocabulary vocabulary, Locale language, Set<String> removed, Set<String> added) {
        // A proposal for queries of unknown language is checked against every entry.
        List<VocabularyEntry> entries =
                language.equals(Locale.ROOT) ? vocabulary.entries() : vocabulary.forLanguage(language);
        for (VocabularyEntry entry : entries) {
            if (entry.rule() instanceof VocabularyRule.BestBet) {
                continue;
            }
            var termWords = new HashSet<String>();
            for (String term : entry.rule().terms()) {
                termWords.addAll(words(term));
            }
            if (removed.stream().anyMatch(termWords::contains) && added.stream().anyMatch(termWords::contains)) {
                return true;
            }
        }
        return false;
    }
}
