package org.kcskb.index.analysis;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The language of a query whose request leaves it to detection, told by its words rather than by a language model:
 * the {@linkplain KbLanguages registered language} whose articles hold the most of the query's words (in their
 * written form, stopwords included, since they tell the most) wins; a tie for the most, such as "Outlook Update" in a
 * knowledge base of German and English articles, decides nothing, and the query is searched in every language alike.
 * Short queries are what a model reads worst (OpenNLP cannot tell "drucker" or "update"), and the knowledge base's
 * own words answer with a few look-ups.
 *
 * <p>Both engines count with their own index (the embedded one with term look-ups, the OpenSearch one with an
 * aggregation) and decide here, so that a query gets the same language from either. The counts must cover only
 * articles the viewer may see: a word of hidden articles must not tip the vote, or the language chosen would tell
 * whether hidden articles hold it. Stateless and thread-safe.
 */
public final class QueryLanguageVote {
    private QueryLanguageVote() {}

    /**
     * Returns the key of the language that wins the vote, or empty when two or more share the most words (every
     * language is then the query's).
     *
     * @param knownWords for each registered language's key, how many of the query's words the visible articles of
     *     that language hold; keys of no registered language are rejected
     */
    public static Optional<String> winner(Map<String, Integer> knownWords) {
        Objects.requireNonNull(knownWords, "knownWords");
        String best = null;
        int most = -1;
        boolean tie = false;
        for (var count : knownWords.entrySet()) {
            if (KbLanguages.key(count.getKey()).isEmpty()) {
                throw new IllegalArgumentException("'" + count.getKey()
                        + "' is not the key of a registered language; vote among " + KbLanguages.keys());
            }
            int known = count.getValue();
            if (known > most) {
                best = count.getKey();
                most = known;
                tie = false;
            } else if (known == most) {
                tie = true;
            }
        }
        return tie ? Optional.empty() : Optional.ofNullable(best);
    }
}
