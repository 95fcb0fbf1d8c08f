package org.kcskb.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.kcskb.render.Html;

/**
 * Highlighted snippets for the hits of one search: the best one or two sentences of a hit's issue or resolution,
 * with the query's words wrapped in {@code <mark>}. Every character of article text is HTML-escaped before the
 * marks are added, so a snippet is safe to put into a page as it is.
 *
 * <p>Matches come from the offsets in the postings of the query terms (no re-analysis), read front to back once
 * per search and segment: each term's postings stay open between hits, so hits must be passed in doc id order
 * (earlier documents are still right, only slower). A sentence scores the inverse document frequencies of the
 * distinct query terms it holds, plus a little for each repeated match; the best {@value #PASSAGES} sentences are
 * shown in text order, and a sentence longer than {@value #MAX_PASSAGE} characters is cut to a window around its
 * first match. This does what Lucene's unified highlighter does for plain term queries, without its general
 * machinery (break iterators, passage objects, per-passage hash sets), which took a fifth of a search for 10 hits.
 * Not thread-safe: one instance per search.
 */
final class Snippets {
    static final List<String> SNIPPET_FIELDS = List.of(ArticleFields.ISSUE, ArticleFields.RESOLUTION);

    static final int PASSAGES = 2;
    /** Matches are looked for in this many leading characters of a field, as in the unified highlighter. */
    private static final int MAX_LENGTH = 20_000;
    /** A passage is at most this long; a longer sentence is cut around its first match. */
    static final int MAX_PASSAGE = 300;

    private static final String SEPARATOR = " … ";
    private static final String CUT = "…";

    private final Map<String, Term[]> termsByField;
    private final TermLookups lookups;
    private final Map<String, FieldPostings> postings = new HashMap<>();

    /**
     * @param query plain term queries over the snippet fields ({@link QueryCompiler.Compiled#highlight()}), so
     *     that offsets come straight from the postings
     * @param lookups this search's term look-ups, of the reader the hits come from
     */
    Snippets(Query query, TermLookups lookups) {
        this.lookups = lookups;
        Set<Term> terms = new TreeSet<>();
        query.visit(QueryVisitor.termCollector(terms));
        // A tree set of terms orders them by field, then by bytes: each field's terms come sorted and together.
        var byField = new HashMap<String, List<Term>>();
        for (Term term : terms) {
            byField.computeIfAbsent(term.field(), f -> new ArrayList<>()).add(term);
        }
        this.termsByField = new HashMap<>();
        byField.forEach((field, sorted) -> termsByField.put(field, sorted.toArray(Term[]::new)));
    }

    /**
     * Returns the snippet of one hit: the best passages of its issue or resolution, preferring a field with a
     * match over the opening sentence of one without; empty when both fields are empty. Calls must come in
     * increasing doc id order within a segment (earlier documents are still right, only slower).
     *
     * @param texts the hit's stored snippet fields by field name
     */
    String snippet(LeafReaderContext leaf, int docInLeaf, String languageKey, Map<String, String> texts)
            throws IOException {
        String fallback = null;
        for (String base : SNIPPET_FIELDS) {
            String field = ArticleFields.field(base, languageKey);
            String text = texts.getOrDefault(field, "");
            if (text.isBlank()) {
                continue;
            }
            if (text.length() > MAX_LENGTH) {
                text = text.substring(0, charBoundary(text, MAX_LENGTH, false));
            }
            Term[] terms = termsByField.get(field);
            List<Match> matches = terms == null
                    ? List.of()
                    : postings.computeIfAbsent(field, f -> new FieldPostings(f, terms, lookups))
                            .matches(leaf, docInLeaf, text.length());
            if (!matches.isEmpty()) {
                return highlight(text, matches);
            }
            if (fallback == null) {
                fallback = opening(text);
            }
        }
        return fallback == null ? "" : fallback;
    }

    /** One occurrence of a query term: its characters in the text and the weight of its term. */
    private record Match(int start, int end, int term, float weight) {}

    /** A sentence of the text with its score. */
    private record Passage(int start, int end, float score) {}

    private static String highlight(String text, List<Match> matches) {
        List<Passage> best = best(text, matches);
        var out = new StringBuilder(Math.min(text.length(), PASSAGES * MAX_PASSAGE) + 64);
        int previousEnd = -1;
        for (Passage passage : best) {
            if (previousEnd >= 0) {
                out.append(SEPARATOR);
            }
            format(out, text, passage, matches);
            previousEnd = passage.end();
        }
        return out.toString().strip();
    }

    /** The {@value #PASSAGES} best-scoring sentences that have a match, in text order. */
    private static List<Passage> best(String text, List<Match> matches) {
        var passages = new ArrayList<Passage>();
        int m = 0;
        int start = 0;
        while (start < text.length() && m < matches.size()) {
            int end = sentenceEnd(text, start);
            float score = 0;
            long seen = 0;
            while (m < matches.size() && matches.get(m).start() < end) {
                Match match = matches.get(m++);
                long bit = 1L << (match.term() & 63);
                score += (seen & bit) == 0 ? match.weight() : 0.25f * match.weight();
                seen |= bit;
            }
            if (score > 0) {
                passages.add(new Passage(start, end, score));
            }
            start = end;
        }
        // Best first, earlier first among equals; then the chosen ones back into text order.
        passages.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : a.start() - b.start());
        List<Passage> chosen = new ArrayList<>(passages.subList(0, Math.min(PASSAGES, passages.size())));
        chosen.sort((a, b) -> a.start() - b.start());
        return chosen;
    }

    /**
     * Where the sentence starting at {@code start} ends: after a line break, or after ".", "!", "?" or "…" (and
     * any closing quotes or brackets) followed by white space.
     */
    private static int sentenceEnd(String text, int start) {
        int length = text.length();
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i + 1;
            }
            if (c == '.' || c == '!' || c == '?' || c == '…') {
                int j = i + 1;
                while (j < length && isClosing(text.charAt(j))) {
                    j++;
                }
                if (j == length || Character.isWhitespace(text.charAt(j))) {
                    return j;
                }
            }
        }
        return length;
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '»' || c == '“' || c == '”' || c == '’';
    }

    /** The opening sentence of a field without a match, escaped. */
    private static String opening(String text) {
        var out = new StringBuilder();
        format(out, text, new Passage(0, sentenceEnd(text, 0), 0), List.of());
        return out.toString().strip();
    }

    /** Appends a passage, escaped, with its matches marked; a passage over {@value #MAX_PASSAGE} chars is cut. */
    private static void format(StringBuilder out, String text, Passage passage, List<Match> matches) {
        int start = passage.start();
        int end = passage.end();
        if (end - start > MAX_PASSAGE) {
            int first = start;
            for (Match match : matches) {
                if (match.start() >= start && match.start() < end) {
                    first = match.start();
                    break;
                }
            }
            int from = Math.max(start, first - MAX_PASSAGE / 3);
            from = from == start ? start : charBoundary(text, wordStart(text, from, first), true);
            int to = charBoundary(text, wordEnd(text, Math.min(end, from + MAX_PASSAGE)), true);
            if (from > start) {
                out.append(CUT);
            }
            mark(out, text, from, to, matches);
            if (to < end) {
                out.append(CUT);
            }
            return;
        }
        mark(out, text, start, end, matches);
    }

    /**
     * Moves a cut at {@code index} off the middle of a surrogate pair (an emoji, a rare CJK character): forward past
     * the pair or back before it. Half a pair is not a character; it shows as a replacement box and is rejected by
     * strict UTF-8 encoders (a JSON response, a database).
     */
    static int charBoundary(String text, int index, boolean forward) {
        if (index > 0
                && index < text.length()
                && Character.isHighSurrogate(text.charAt(index - 1))
                && Character.isLowSurrogate(text.charAt(index))) {
            return forward ? index + 1 : index - 1;
        }
        return index;
    }

    private static int wordStart(String text, int from, int limit) {
        int i = from;
        while (i < limit && !Character.isWhitespace(text.charAt(i - 1))) {
            i++;
        }
        return i;
    }

    private static int wordEnd(String text, int to) {
        int i = to;
        while (i < text.length() && i < to + 30 && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Appends text[from, to), escaped, with the (possibly overlapping) matches inside it marked. */
    private static void mark(StringBuilder out, String text, int from, int to, List<Match> matches) {
        int copied = from;
        for (int i = 0; i < matches.size(); i++) {
            Match match = matches.get(i);
            if (match.end() <= copied || match.start() < from) {
                continue;
            }
            if (match.start() >= to) {
                break;
            }
            int end = Math.min(to, match.end());
            // Matches at the same or overlapping characters (a compound and its parts) are marked once.
            while (i + 1 < matches.size() && matches.get(i + 1).start() < end) {
                end = Math.min(to, Math.max(end, matches.get(++i).end()));
            }
            int start = Math.max(copied, match.start());
            escape(out, text, copied, start);
            out.append("<mark>");
            escape(out, text, start, end);
            out.append("</mark>");
            copied = end;
        }
        escape(out, text, copied, to);
    }

    private static void escape(StringBuilder out, String text, int from, int to) {
        Html.escape(out, text, from, to);
    }

    /**
     * The postings of the query terms in one field, kept open between hits of the same segment and advanced: with
     * hits in doc id order every postings list is opened and decoded once per search instead of once per hit.
     */
    private static final class FieldPostings {
        private final String field;
        private final Term[] terms;
        private final TermLookups lookups;
        private LeafReaderContext leaf;
        private PostingsEnum[] postings;
        private float[] weights;
        private int lastDoc = -1;

        FieldPostings(String field, Term[] terms, TermLookups lookups) {
            this.field = field;
            this.terms = terms;
            this.lookups = lookups;
        }

        /** The matches in the hit's field that lie within its first {@code length} characters, by start. */
        List<Match> matches(LeafReaderContext context, int doc, int length) throws IOException {
            if (context != leaf || doc <= lastDoc) {
                open(context);
            }
            lastDoc = doc;
            var matches = new ArrayList<Match>();
            for (int i = 0; i < postings.length; i++) {
                PostingsEnum enumerator = postings[i];
                if (enumerator == null) {
                    continue;
                }
                int current = enumerator.docID() < doc ? enumerator.advance(doc) : enumerator.docID();
                if (current == DocIdSetIterator.NO_MORE_DOCS) {
                    postings[i] = null;
                } else if (current == doc) {
                    for (int n = enumerator.freq(); n > 0; n--) {
                        enumerator.nextPosition();
                        int start = enumerator.startOffset();
                        int end = enumerator.endOffset();
                        if (start >= 0 && end <= length && start < end) {
                            matches.add(new Match(start, end, i, weights[i]));
                        }
                    }
                }
            }
            Match[] sorted = matches.toArray(Match[]::new);
            Arrays.sort(sorted, (a, b) -> a.start() != b.start() ? a.start() - b.start() : b.end() - a.end());
            return Arrays.asList(sorted);
        }

        private void open(LeafReaderContext context) throws IOException {
            leaf = context;
            postings = new PostingsEnum[terms.length];
            weights = new float[terms.length];
            Terms index = context.reader().terms(field);
            if (index == null) {
                return;
            }
            int documents = Math.max(1, index.getDocCount());
            for (int i = 0; i < terms.length; i++) {
                TermsEnum termsEnum = lookups.seek(context, terms[i]);
                if (termsEnum != null) {
                    // The segment's own frequency, as the segment's document count.
                    int frequency = termsEnum.docFreq();
                    weights[i] = (float) Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
                    postings[i] = termsEnum.postings(null, PostingsEnum.OFFSETS);
                }
            }
        }
    }
}
