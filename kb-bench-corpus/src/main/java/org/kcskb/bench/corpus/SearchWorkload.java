package org.kcskb.bench.corpus;

import java.util.List;
import java.util.Locale;

/**
 * What a search benchmark asks besides the query text; every engine implements each workload with the same
 * meaning.
 *
 * <ul>
 *   <li>{@code text}: the query text alone, as the public.
 *   <li>{@code filtered}: as a partner (audiences {@link #FILTER_AUDIENCES}) and only product
 *       {@value #FILTER_PRODUCT}.
 *   <li>{@code facets}: counts for the product, version and language facets, and highlighted snippets.
 *   <li>{@code deep}: the page at offset {@value #DEEP_OFFSET}.
 * </ul>
 */
public enum SearchWorkload {
    TEXT,
    FILTERED,
    FACETS,
    DEEP;

    /** The product the filtered workload filters on. */
    public static final String FILTER_PRODUCT = "Acme Print";
    /** The audiences a partner may see, which the filtered workload filters on. */
    public static final List<CorpusArticle.Audience> FILTER_AUDIENCES =
            List.of(CorpusArticle.Audience.PUBLIC, CorpusArticle.Audience.PARTNER);
    /** How many hits the deep workload skips. */
    public static final int DEEP_OFFSET = 1_000;
    /** The facets the facets workload counts. */
    public static final List<String> FACET_NAMES = List.of("product", "version", "language");

    /** Returns the workload for a JMH parameter value such as {@code text}. */
    public static SearchWorkload of(String name) {
        for (SearchWorkload workload : values()) {
            if (workload.parameter().equals(name)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("Unknown workload '" + name + "'; valid: text, filtered, facets, deep");
    }

    /** Returns the JMH parameter value, the lower-case name. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns how many hits are skipped before the page. */
    public int offset() {
        return this == DEEP ? DEEP_OFFSET : 0;
    }
}
