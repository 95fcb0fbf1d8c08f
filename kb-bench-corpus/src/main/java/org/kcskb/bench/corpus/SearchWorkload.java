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
 *   <li>{@code page}: what a help site shows for the query text: the page of hits, each with its title and an
 *       HTML-escaped snippet of its text with the matches wrapped in {@value #MARK_OPEN} ... {@value #MARK_CLOSE}
 *       (the raw engines highlight their text field with their own unified highlighter, one passage of about
 *       {@value #SNIPPET_LENGTH} characters), and the total count as the library reports it: exact up to
 *       {@value HitCount#DEFAULT_THRESHOLD}, then a lower bound, whatever {@link HitCount} the run names (see
 *       {@link #hitCount}). The library does this work on every search; this is the workload that asks every
 *       engine for it.
 * </ul>
 */
public enum SearchWorkload {
    TEXT,
    FILTERED,
    FACETS,
    DEEP,
    PAGE;

    /** The product the filtered workload filters on. */
    public static final String FILTER_PRODUCT = "Acme Print";
    /** The audiences a partner may see, which the filtered workload filters on. */
    public static final List<CorpusArticle.Audience> FILTER_AUDIENCES =
            List.of(CorpusArticle.Audience.PUBLIC, CorpusArticle.Audience.PARTNER);
    /** How many hits the deep workload skips. */
    public static final int DEEP_OFFSET = 1_000;
    /** The facets the facets workload counts. */
    public static final List<String> FACET_NAMES = List.of("product", "version", "language");
    /** What the page workload's snippets open a match with. */
    public static final String MARK_OPEN = "<mark>";
    /** What the page workload's snippets close a match with. */
    public static final String MARK_CLOSE = "</mark>";
    /** About how long the page workload's snippet is, in characters. */
    public static final int SNIPPET_LENGTH = 160;

    /** Returns the workload for a JMH parameter value such as {@code text}. */
    public static SearchWorkload of(String name) {
        for (SearchWorkload workload : values()) {
            if (workload.parameter().equals(name)) {
                return workload;
            }
        }
        throw new IllegalArgumentException(
                "Unknown workload '" + name + "'; valid: text, filtered, facets, deep, page");
    }

    /** Returns the JMH parameter value, the lower-case name. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns whether hits come with their title and a highlighted snippet ({@code page}). */
    public boolean snippets() {
        return this == PAGE;
    }

    /**
     * Returns how the total is counted: {@code requested}, except for {@code page}, which counts as the library
     * does ({@link HitCount#DEFAULT}).
     */
    public HitCount hitCount(HitCount requested) {
        return this == PAGE ? HitCount.DEFAULT : requested;
    }

    /** Returns how many hits are skipped before the page. */
    public int offset() {
        return this == DEEP ? DEEP_OFFSET : 0;
    }
}
