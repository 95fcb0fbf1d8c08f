package org.kcskb.vocabulary;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A synonym that the searches suggest, for a Publisher to accept (pass {@link #suggestion()} to {@link
 * org.kcskb.KnowledgeBase#addVocabulary}, as it is or edited) or to ignore; never applied automatically.
 *
 * <p>It comes from reformulations: a visitor's search that got no click (no hits, or hits nobody opened) followed,
 * within {@link #REFORMULATION_WINDOW}, by a different search of the same visitor whose hit was clicked. The words
 * of the first that the second lacks are proposed for the words the second added ("lohnzettel fehlt", then
 * "gehaltsabrechnung nicht erhalten": {@code lohnzettel fehlt => gehaltsabrechnung erhalten}, the word "nicht"
 * being too common to tell anything). See {@link org.kcskb.KnowledgeBase#synonymProposals} for what is left out.
 * Immutable and thread-safe.
 *
 * @param failedQuery the latest search without a click that gave the proposal, normalised
 * @param reformulation the search that got the click after it, normalised
 * @param language the language of the failed search (of the reformulation when it is unknown), only the language;
 *     {@link Locale#ROOT} when neither is known
 * @param visitors how many distinct visitors reformulated this way (at least {@link #MIN_VISITORS})
 * @param lastSeen when the latest of these reformulations was searched
 * @param suggestion the rule to add: {@link VocabularyRule.Synonyms} for one word against one word, otherwise a
 *     {@link VocabularyRule.Expansion} from the failed words to the new ones
 */
public record SynonymProposal(
        String failedQuery,
        String reformulation,
        Locale language,
        long visitors,
        Instant lastSeen,
        VocabularyRule suggestion) {
    /** How soon after a search without a click a reformulation must follow to count: five minutes. */
    public static final Duration REFORMULATION_WINDOW = Duration.ofMinutes(5);

    /**
     * How many distinct visitors must have reformulated the same way before it is proposed: two, so that no single
     * person's searches show up, and one confused visitor proposes nothing.
     */
    public static final int MIN_VISITORS = 2;

    public SynonymProposal {
        Objects.requireNonNull(failedQuery, "failedQuery");
        Objects.requireNonNull(reformulation, "reformulation");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(suggestion, "suggestion");
        if (visitors < 1) {
            throw new IllegalArgumentException("visitors must be positive, was " + visitors);
        }
    }
}
