package org.kcskb.index;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.LabelledCharArrayMatcher;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.PhraseHelper;
import org.apache.lucene.search.uhighlight.SplittingBreakIterator;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * Highlighted snippets for the hits of one search. Every character of article text is HTML-escaped by the
 * formatter before matches are wrapped in {@code <mark>}, so a snippet is safe to put into a page as it is.
 *
 * <p>This assembles the pieces the {@link UnifiedHighlighter} would (offsets from postings, sentence passages,
 * its passage scorer and formatter) but drives them per hit, because the highlighter took 30% of the time of a
 * search for 10 hits over 10,000 articles, and more for longer pages. Here a hit is highlighted only in the fields of its own language (the unified
 * highlighter looks up every query term in every searched language's fields of every hit); the text comes from
 * the caller's single stored-fields read of the hit (the highlighter decompresses the document a second time);
 * each query term's postings are read once per search, front to back, instead of being looked up and opened
 * again for every hit ({@link ForwardPostings}); and the per-field set-up happens once per search. Hits must
 * therefore be passed in doc id order. Not thread-safe: one instance per search.
 */
final class Snippets {
    static final List<String> SNIPPET_FIELDS = List.of(ArticleFields.ISSUE, ArticleFields.RESOLUTION);

    private static final int PASSAGES = 2;
    /** Passages are looked for in this many leading characters of a field, as in the unified highlighter. */
    private static final int MAX_LENGTH = 20_000;

    private static final PassageScorer SCORER = new PassageScorer();
    private static final PassageFormatter FORMATTER = new DefaultPassageFormatter("<mark>", "</mark>", " … ", true);
    private static final LabelledCharArrayMatcher[] NO_AUTOMATA = new LabelledCharArrayMatcher[0];

    private final Query query;
    private final Map<String, BytesRef[]> termsByField;
    private final Map<String, FieldHighlighter> highlighters = new HashMap<>();

    /**
     * @param query plain term queries over the snippet fields ({@link QueryCompiler.Compiled#highlight()}), so
     *     that offsets come straight from the postings
     */
    Snippets(Query query) {
        this.query = query;
        Set<Term> terms = new TreeSet<>();
        query.visit(QueryVisitor.termCollector(terms));
        var byField = new HashMap<String, TreeSet<BytesRef>>();
        for (Term term : terms) {
            byField.computeIfAbsent(term.field(), f -> new TreeSet<>()).add(term.bytes());
        }
        this.termsByField = new HashMap<>();
        byField.forEach((field, sorted) -> termsByField.put(field, sorted.toArray(BytesRef[]::new)));
    }

    /**
     * Returns the snippet of one hit: the best passages of its issue or resolution, preferring a field with a
     * match over the opening lines of one without; empty when both fields are empty. Calls must come in
     * increasing doc id order within a segment (earlier documents are still right, only slower).
     *
     * @param texts the hit's stored snippet fields by field name
     */
    String snippet(LeafReader leaf, int docInLeaf, String languageKey, Map<String, String> texts) throws IOException {
        String best = null;
        for (String base : SNIPPET_FIELDS) {
            String field = ArticleFields.field(base, languageKey);
            String text = texts.getOrDefault(field, "");
            if (text.isEmpty()) {
                continue;
            }
            if (text.length() > MAX_LENGTH) {
                text = text.substring(0, MAX_LENGTH);
            }
            Object formatted = highlighter(field).highlightFieldForDoc(leaf, docInLeaf, text);
            String candidate = formatted == null ? null : formatted.toString();
            if (candidate == null || candidate.isEmpty()) {
                continue;
            }
            if (best == null || !best.contains("<mark>") && candidate.contains("<mark>")) {
                best = candidate;
            }
        }
        return best == null ? "" : best.strip();
    }

    /** Undoes the HTML escaping of the snippet formatter, for text taken back out of a snippet. */
    static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&#39;", "'")
                .replace("&#x2F;", "/")
                .replace("&amp;", "&");
    }

    private FieldHighlighter highlighter(String field) {
        return highlighters.computeIfAbsent(field, f -> {
            BytesRef[] terms = termsByField.getOrDefault(f, new BytesRef[0]);
            var components = new UHComponents(
                    f,
                    f::equals,
                    query,
                    terms,
                    PhraseHelper.NONE,
                    NO_AUTOMATA,
                    false,
                    EnumSet.noneOf(UnifiedHighlighter.HighlightFlag.class));
            // The unified highlighter's defaults: sentences (split at its multi-value separator, NUL), at most
            // one passage without a match, passages in text order.
            var sentences = new SplittingBreakIterator(BreakIterator.getSentenceInstance(Locale.ROOT), '\u0000');
            return new FieldHighlighter(
                    f,
                    new ForwardPostings(components),
                    sentences,
                    SCORER,
                    PASSAGES,
                    1,
                    FORMATTER,
                    Comparator.comparingInt(Passage::getStartOffset));
        });
    }

    /**
     * Offsets from the postings of the query terms, like {@code PostingsOffsetStrategy}, but keeping each term's
     * postings open between hits of the same segment and advancing them: with hits in doc id order every postings
     * list is opened and decoded once per search instead of once per hit.
     */
    private static final class ForwardPostings extends FieldOffsetStrategy {
        private LeafReader leaf;
        private PostingsEnum[] postings;
        private int lastDoc = -1;

        ForwardPostings(UHComponents components) {
            super(components);
        }

        @Override
        public UnifiedHighlighter.OffsetSource getOffsetSource() {
            return UnifiedHighlighter.OffsetSource.POSTINGS;
        }

        @Override
        public OffsetsEnum getOffsetsEnum(LeafReader reader, int doc, String content) throws IOException {
            if (reader != leaf || doc <= lastDoc) {
                open(reader);
            }
            lastDoc = doc;
            BytesRef[] terms = components.terms();
            var matches = new ArrayList<OffsetsEnum>();
            for (int i = 0; i < postings.length; i++) {
                PostingsEnum enumerator = postings[i];
                if (enumerator == null) {
                    continue;
                }
                int current = enumerator.docID() < doc ? enumerator.advance(doc) : enumerator.docID();
                if (current == doc) {
                    matches.add(new OffsetsEnum.OfPostings(terms[i], enumerator));
                } else if (current == DocIdSetIterator.NO_MORE_DOCS) {
                    postings[i] = null;
                }
            }
            return switch (matches.size()) {
                case 0 -> OffsetsEnum.EMPTY;
                case 1 -> matches.getFirst();
                default -> new OffsetsEnum.MultiOffsetsEnum(matches);
            };
        }

        private void open(LeafReader reader) throws IOException {
            leaf = reader;
            BytesRef[] terms = components.terms();
            postings = new PostingsEnum[terms.length];
            Terms index = reader.terms(getField());
            if (index == null) {
                return;
            }
            TermsEnum termsEnum = index.iterator();
            for (int i = 0; i < terms.length; i++) {
                if (termsEnum.seekExact(terms[i])) {
                    postings[i] = termsEnum.postings(null, PostingsEnum.OFFSETS);
                }
            }
        }
    }
}
