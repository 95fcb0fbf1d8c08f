package org.kcskb.index;

import static org.kcskb.index.ArticleFields.field;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Highlighted snippets for a page of hits. Every character of article text is HTML-escaped by the formatter
 * before matches are wrapped in {@code <mark>}, so a snippet is safe to put into a page as it is.
 */
final class Snippets {
    private static final int PASSAGES = 2;
    static final List<String> SNIPPET_FIELDS = List.of(ArticleFields.ISSUE, ArticleFields.RESOLUTION);

    private Snippets() {}

    /**
     * Returns the snippet of each document of the page by doc id. {@code query} should be plain term queries
     * over the snippet fields: the highlighter then reads offsets straight from the postings.
     */
    static Map<Integer, String> highlight(
            IndexSearcher searcher, Analysis analysis, Query query, List<String> languageKeys, ScoreDoc[] page)
            throws IOException {
        if (page.length == 0) {
            return Map.of();
        }
        var fields = new ArrayList<String>();
        for (String key : languageKeys) {
            for (String base : SNIPPET_FIELDS) {
                fields.add(field(base, key));
            }
        }
        int[] docIds = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            docIds[i] = page[i].doc;
        }
        int[] passages = new int[fields.size()];
        java.util.Arrays.fill(passages, PASSAGES);
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analysis.indexAnalyzer())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(20_000)
                .withMaxNoHighlightPassages(1)
                .withWeightMatches(false)
                .build();
        Map<String, String[]> highlights =
                highlighter.highlightFields(fields.toArray(String[]::new), query, docIds, passages);
        var result = new HashMap<Integer, String>();
        for (int i = 0; i < docIds.length; i++) {
            String best = null;
            for (String f : fields) {
                String candidate = highlights.get(f)[i];
                if (candidate == null || candidate.isEmpty()) {
                    continue;
                }
                // Prefer a passage with a match over the opening lines of a field without one.
                if (best == null || !best.contains("<mark>") && candidate.contains("<mark>")) {
                    best = candidate;
                }
            }
            if (best != null) {
                result.put(docIds[i], best.strip());
            }
        }
        return result;
    }
}
