package org.kcskb;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.kcskb.analytics.SearchEvent;

/**
 * Decides which searched text may become a learned query suggestion: not text that looks personal, not a
 * blocked suggestion, and only once enough distinct visitors typed it (the threshold itself is applied by the
 * {@link AnswerLearner} and on start-up).
 *
 * <p>Text looks personal when it contains an e-mail address, a phone number or another run of digits (seven
 * digits or more, separators allowed between them), or matches the host's pattern for customer or case
 * numbers. Checked on the {@linkplain SearchEvent#normalize normalised} query, so in lower case; the host's
 * pattern is matched case-insensitively. Thread-safe: the blocklist is a concurrent set.
 */
final class LearningRules {
    /** Anything@anything.tld, also without a user part spelled out fully. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

    /** Seven or more digits, with the separators people type inside numbers between them. */
    private static final Pattern DIGITS = Pattern.compile("\\d(?:[\\s\\-./()]{0,2}\\d){6,}");

    private final int minVisitors;
    private final Optional<Pattern> personal;
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();

    LearningRules(int minVisitors, Optional<Pattern> personal, Collection<String> blocked) {
        this.minVisitors = minVisitors;
        this.personal = personal.map(p -> Pattern.compile(p.pattern(), p.flags() | Pattern.CASE_INSENSITIVE));
        blocked.forEach(this::block);
    }

    /** How many distinct visitors must have typed a query (and chosen an article from its hits). */
    int minVisitors() {
        return minVisitors;
    }

    /** Whether {@code normalizedQuery} may be learned: not blocked, not personal. */
    boolean learnable(String normalizedQuery) {
        return !normalizedQuery.isEmpty() && !blocked.contains(normalizedQuery) && !looksPersonal(normalizedQuery);
    }

    /** Whether {@code text} contains what looks like personal data. */
    boolean looksPersonal(String text) {
        return EMAIL.matcher(text).find()
                || DIGITS.matcher(text).find()
                || personal.isPresent() && personal.get().matcher(text).find();
    }

    /** Blocks a suggestion on this node from now on; returns its normalised form. */
    String block(String text) {
        String normalized = SearchEvent.normalize(text);
        blocked.add(normalized);
        return normalized;
    }

    boolean blocked(String normalizedQuery) {
        return blocked.contains(normalizedQuery);
    }
}
