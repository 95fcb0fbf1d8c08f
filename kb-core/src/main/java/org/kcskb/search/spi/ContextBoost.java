package org.kcskb.search.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.kcskb.article.Environment;
import org.kcskb.search.SearchRequest;

/**
 * How the {@linkplain SearchRequest#context() asker's context} lifts an article, the same in every engine: a bounded
 * factor on the article's score (text × {@link KcsPrior}) from the environment attributes it shares with the context.
 *
 * <ul>
 *   <li>the context's {@link Environment#PRODUCT product} is the article's: × {@value #PRODUCT};
 *   <li>each other shared attribute: × {@value #OTHER}; but a shared {@link Environment#VERSION version} counts only
 *       when the product is shared too or the article names no product ("23H2" of another product says nothing);
 *   <li>the product of the factors is at most {@value #MAX}.
 * </ul>
 *
 * <p>Values compare as the environment filters compare them: stripped and without regard to case ({@link
 * #normalize}). An article that shares nothing, or has no environment attributes, keeps its score (factor 1): the
 * context reorders the hits and never hides one, so totals and facets are those of the search without it. The bound
 * keeps it a preference among similar text matches: measured on the bilingual help-desk set's {@code context} split
 * (see the README), an article that matches the query clearly better still ranks first.
 *
 * <p>Stateless; thread-safe.
 */
public final class ContextBoost {
    /** The factor of an article written for the asker's product. */
    public static final double PRODUCT = 1.3;

    /** The factor of each other attribute the article shares with the asker (version, platform, component...). */
    public static final double OTHER = 1.1;

    /** No context factor exceeds this. */
    public static final double MAX = 1.45;

    private ContextBoost() {}

    /** A value as engines compare it: stripped and lower-cased, as the environment filters compare values. */
    public static String normalize(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The factor of an article that shares the product with the asker ({@code product}) and {@code others} more
     * attributes that count (see {@link #counts}).
     */
    public static double factor(boolean product, int others) {
        return Math.min(MAX, (product ? PRODUCT : 1.0) * Math.pow(OTHER, Math.max(0, others)));
    }

    /**
     * Whether a shared attribute {@code key} other than the product counts: a version only when the product is
     * shared too or the article names no product; every other attribute always.
     */
    public static boolean counts(String key, boolean productShared, boolean articleHasProduct) {
        return !key.equals(Environment.VERSION) || productShared || !articleHasProduct;
    }

    /**
     * The attributes an article shares with the asker's context and their factor: the reference that engines
     * compute from their indices, and what an explanation states.
     *
     * @param context the request's context
     * @param attributes the article's environment attributes
     */
    public static Match match(Map<String, String> context, Map<String, String> attributes) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(attributes, "attributes");
        boolean product = shared(Environment.PRODUCT, context, attributes);
        boolean hasProduct = attributes.containsKey(Environment.PRODUCT);
        var keys = new ArrayList<String>();
        if (product) {
            keys.add(Environment.PRODUCT);
        }
        int others = 0;
        for (String key : context.keySet()) {
            if (!key.equals(Environment.PRODUCT)
                    && shared(key, context, attributes)
                    && counts(key, product, hasProduct)) {
                keys.add(key);
                others++;
            }
        }
        return new Match(keys, factor(product, others));
    }

    private static boolean shared(String key, Map<String, String> context, Map<String, String> attributes) {
        String asked = context.get(key);
        String written = attributes.get(key);
        return asked != null && written != null && normalize(asked).equals(normalize(written));
    }

    /**
     * What an article shares with the asker.
     *
     * @param keys the shared attributes that count, the product first
     * @param factor the factor on the article's score, 1 when nothing is shared
     */
    public record Match(List<String> keys, double factor) {
        public Match {
            keys = List.copyOf(keys);
        }
    }
}
