package org.kcskb.analytics;

/**
 * How often people chose the hit at one position: the click-position distribution.
 *
 * <p>Many clicks far down the list suggest that ranking, titles or snippets need work. Immutable and
 * thread-safe.
 *
 * @param position the 1-based rank in the result (or in the suggestion list, for picks)
 * @param clicks clicks on search hits at this position
 * @param suggestionPicks picks of suggestions at this position
 */
public record PositionCount(int position, long clicks, long suggestionPicks) {
    public PositionCount {
        if (position < 1 || clicks < 0 || suggestionPicks < 0 || clicks + suggestionPicks == 0) {
            throw new IllegalArgumentException("Invalid position count: position " + position + ", " + clicks
                    + " clicks, " + suggestionPicks + " picks (positions start at 1, counts at 1 in total)");
        }
    }
}
