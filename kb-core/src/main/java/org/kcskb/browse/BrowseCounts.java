package org.kcskb.browse;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.kcskb.article.ArticleState;
import org.kcskb.article.Audience;

/**
 * How many articles one viewer may see match a browse request's filters, per state and per audience. Every state
 * and audience is present, with 0 when none matches. Immutable.
 *
 * @param total how many articles match
 * @param byState how many match per state
 * @param byAudience how many match per audience
 */
public record BrowseCounts(long total, Map<ArticleState, Long> byState, Map<Audience, Long> byAudience) {
    public BrowseCounts {
        var states = new EnumMap<ArticleState, Long>(ArticleState.class);
        for (ArticleState state : ArticleState.values()) {
            states.put(state, Objects.requireNonNull(byState, "byState").getOrDefault(state, 0L));
        }
        var audiences = new EnumMap<Audience, Long>(Audience.class);
        for (Audience audience : Audience.values()) {
            audiences.put(
                    audience, Objects.requireNonNull(byAudience, "byAudience").getOrDefault(audience, 0L));
        }
        byState = java.util.Collections.unmodifiableMap(states);
        byAudience = java.util.Collections.unmodifiableMap(audiences);
    }

    /** Returns the count of one state. */
    public long state(ArticleState state) {
        return byState.get(state);
    }

    /** Returns the count of one audience. */
    public long audience(Audience audience) {
        return byAudience.get(audience);
    }
}
