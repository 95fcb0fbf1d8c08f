package org.kcskb.search;

import java.util.List;
import java.util.Objects;
import org.kcskb.article.ArticleId;
import org.kcskb.article.ArticleState;

/**
 * An existing article that resembles a draft: a likely duplicate to show while an agent captures.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the existing article
 * @param title its title, as plain text
 * @param state its state
 * @param similarity how much of the draft's issue and environment the article covers, from 0 (nothing) to 1
 *     (every weighted term); comparable across drafts, so a host may warn above a threshold
 * @param matchedTerms the draft's words that the article also uses, most telling first, as the draft wrote them
 */
public record SimilarArticle(
        ArticleId id, String title, ArticleState state, double similarity, List<String> matchedTerms) {
    public SimilarArticle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(state, "state");
        matchedTerms = List.copyOf(matchedTerms);
        if (!(similarity >= 0 && similarity <= 1)) {
            throw new IllegalArgumentException("similarity must lie in [0, 1], was " + similarity);
        }
    }
}
