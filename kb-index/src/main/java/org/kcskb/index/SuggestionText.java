package org.kcskb.index;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.kcskb.index.analysis.CompletionAnalyzer;
import org.kcskb.index.analysis.GermanNormalForm;
import org.kcskb.render.Html;

/**
 * The text side of suggestions: the words of a title or query in normal form, the prefixes they are indexed under,
 * the words of what was typed, and the highlighted completion. Stateless and thread-safe.
 */
final class SuggestionText {
    /** Words are indexed under their prefixes up to this length; a longer typed word is cut to it. */
    static final int MAX_PREFIX = 20;
    /** Only the end of what was typed counts: at most this many words ... */
    static final int MAX_TYPED_WORDS = 10;
    /** ... within at most this many characters. */
    static final int MAX_TYPED_CHARS = 200;

    private SuggestionText() {}

    /**
     * One word in normal form with its place in the text; a part of the German compound before it when
     * {@code part}, with the compound's offsets.
     */
    record Token(String term, int start, int end, boolean part) {}

    /** Splits a text with the given {@link CompletionAnalyzer} field. */
    static List<Token> tokens(CompletionAnalyzer analyzer, String field, String text) {
        var tokens = new ArrayList<Token>();
        for (Tokens.Token token : Tokens.analyze(analyzer, field, text)) {
            tokens.add(
                    new Token(token.term(), token.start(), token.end(), token.increment() == 0 && !tokens.isEmpty()));
        }
        return tokens;
    }

    /** The words (not the parts) joined by single spaces: equal for texts that differ only in case and spelling. */
    static String key(List<Token> tokens) {
        var key = new StringBuilder();
        for (Token token : tokens) {
            if (!token.part()) {
                key.append(key.isEmpty() ? "" : " ").append(token.term());
            }
        }
        return key.toString();
    }

    /** Every prefix of every word and part, up to {@link #MAX_PREFIX} characters. */
    static Set<String> prefixes(List<Token> tokens) {
        var prefixes = new HashSet<String>();
        for (Token token : tokens) {
            addPrefixes(token.term(), prefixes);
        }
        return prefixes;
    }

    /** Every prefix of the first word. */
    static Set<String> firstWordPrefixes(List<Token> tokens) {
        var prefixes = new HashSet<String>();
        if (!tokens.isEmpty()) {
            addPrefixes(tokens.getFirst().term(), prefixes);
        }
        return prefixes;
    }

    private static void addPrefixes(String term, Set<String> prefixes) {
        int max = Math.min(term.length(), MAX_PREFIX);
        for (int length = 1; length <= max; length++) {
            // Never cut a surrogate pair; typed words are cut the same way (see prefixTerm).
            if (length == term.length() || !Character.isHighSurrogate(term.charAt(length - 1))) {
                prefixes.add(term.substring(0, length));
            }
        }
    }

    /** Cuts a typed word to the longest prefix that is indexed. */
    static String prefixTerm(String word) {
        if (word.length() <= MAX_PREFIX) {
            return word;
        }
        int end = Character.isHighSurrogate(word.charAt(MAX_PREFIX - 1)) ? MAX_PREFIX - 1 : MAX_PREFIX;
        return word.substring(0, end);
    }

    /**
     * The words of what was typed, in normal form and cut to {@link #MAX_PREFIX}: at most the last
     * {@value #MAX_TYPED_WORDS} words of the last {@value #MAX_TYPED_CHARS} characters, so that pasting a paragraph
     * costs no more than typing a question.
     */
    static List<String> typedWords(CompletionAnalyzer analyzer, String typed) {
        String tail = typed;
        if (tail.length() > MAX_TYPED_CHARS) {
            int from = tail.length() - MAX_TYPED_CHARS;
            tail = tail.substring(from);
            if (!Character.isWhitespace(typed.charAt(from - 1))) {
                // The cut fell into a word: drop that word's end rather than take it for a prefix.
                int space = firstWhitespace(tail);
                tail = space < 0 ? tail : tail.substring(space);
            }
        }
        List<Token> tokens = tokens(analyzer, CompletionAnalyzer.WORDS, tail);
        var words = new ArrayList<String>(Math.min(tokens.size(), MAX_TYPED_WORDS));
        for (Token token : tokens.subList(Math.max(0, tokens.size() - MAX_TYPED_WORDS), tokens.size())) {
            words.add(prefixTerm(token.term()));
        }
        return words;
    }

    /**
     * The typed words again with umlauts where they were perhaps typed without ("kund" as {@code kuend}, the normal
     * form of "künd"), fewest umlauts first, each cut to {@link #MAX_PREFIX}; see {@link
     * GermanNormalForm#umlautVariants}.
     */
    static List<List<String>> umlautVariants(List<String> words) {
        return GermanNormalForm.umlautVariants(words).stream()
                .map(variant -> variant.stream().map(SuggestionText::prefixTerm).toList())
                .toList();
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns {@code text} HTML-escaped, with the start of every word or compound part that a typed word is a prefix
     * of wrapped in {@code <mark>}: "druck" on "Drucker druckt" gives {@code <mark>Druck</mark>er
     * <mark>druck</mark>t}, "treiber" on "Druckertreiber" gives {@code Drucker<mark>treiber</mark>}.
     *
     * @param tokens the tokens of {@code text} from the {@link CompletionAnalyzer#COMPOUNDS} field
     */
    static String highlight(String text, List<Token> tokens, List<String> typed) {
        boolean[] marked = new boolean[text.length()];
        Token word = null;
        Folded folded = null;
        for (Token token : tokens) {
            if (!token.part()) {
                word = token;
                folded = null;
            }
            String match = longestPrefix(typed, token.term());
            if (match == null || word == null) {
                continue;
            }
            if (folded == null) {
                folded = Folded.of(text, word.start(), word.end(), word.term());
            }
            if (!folded.text().equals(word.term())) {
                // The analysis folded this word in a way the character map does not follow: mark all of it.
                mark(marked, word.start(), word.end());
                continue;
            }
            if (!token.part()) {
                mark(marked, word.start(), folded.sourceEnd(match.length(), word.end()));
                continue;
            }
            // A part: find it in the compound.
            int at = word.term().indexOf(token.term());
            if (at < 0) {
                continue;
            }
            int start = folded.source(at);
            int end = match.isEmpty() ? start + 1 : folded.sourceEnd(at + match.length(), word.end());
            mark(marked, Math.max(word.start(), start), end);
        }
        return render(text, marked);
    }

    /** The longest typed word that {@code term} starts with, or null. */
    private static String longestPrefix(List<String> typed, String term) {
        String longest = null;
        for (String word : typed) {
            if (term.startsWith(word) && (longest == null || word.length() > longest.length())) {
                longest = word;
            }
        }
        return longest;
    }

    private static void mark(boolean[] marked, int from, int to) {
        for (int i = Math.max(0, from); i < Math.min(to, marked.length); i++) {
            marked[i] = true;
        }
    }

    private static String render(String text, boolean[] marked) {
        var html = new StringBuilder(text.length() + 16);
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            if (marked[i] != open) {
                html.append(open ? "</mark>" : "<mark>");
                open = marked[i];
            }
            Html.escape(html, text, i, i + 1);
        }
        if (open) {
            html.append("</mark>");
        }
        return html.toString();
    }

    /**
     * One word folded to the German normal form character by character, remembering which character of the text
     * each folded character came from, so that a matched prefix of the normal form can be marked in the text as
     * written ("Drü" of "Drücker" for the typed "drue", whose normal form is {@code druecker}).
     *
     * <p>It repeats what {@code GermanText.normalize} does (lower case, umlauts and ß spelled out as ae, oe, ue and
     * ss, ASCII folding); {@link #highlight} checks that both agree and marks the whole word when they do not.
     */
    record Folded(String text, int[] sources) {

        static Folded of(String text, int start, int end, String term) {
            if (end - start == term.length() && text.regionMatches(true, start, term, 0, term.length())) {
                // The common case, a word that only changed case: one character for one, no map to build.
                int[] sources = new int[term.length()];
                for (int i = 0; i < sources.length; i++) {
                    sources[i] = start + i;
                }
                return new Folded(term, sources);
            }
            // Lower case, per code point.
            var lower = new StringBuilder(end - start);
            var lowerSources = new int[2 * (end - start) + 2];
            for (int i = start; i < end; ) {
                int codePoint = text.codePointAt(i);
                int before = lower.length();
                lower.appendCodePoint(Character.toLowerCase(codePoint));
                for (int j = before; j < lower.length(); j++) {
                    lowerSources[j] = i;
                }
                i += Character.charCount(codePoint);
            }
            // Umlauts and ß spelled out, as the German normal form's UmlautFilter: one character becomes two, both
            // from the same character of the text; a combining diaeresis after a, o or u becomes the "e".
            var german = new StringBuilder(lower.length() + 4);
            var germanSources = new int[2 * lower.length() + 2];
            for (int i = 0; i < lower.length(); i++) {
                char c = lower.charAt(i);
                int source = lowerSources[i];
                char spelled =
                        switch (c) {
                            case 'ä' -> 'a';
                            case 'ö' -> 'o';
                            case 'ü' -> 'u';
                            case 'ß' -> 's';
                            default -> 0;
                        };
                if (spelled != 0) {
                    germanSources[german.length()] = source;
                    german.append(spelled);
                    c = spelled == 's' ? 's' : 'e';
                } else if (c == '\u0308') {
                    char base = german.isEmpty() ? 0 : german.charAt(german.length() - 1);
                    if (base != 'a' && base != 'o' && base != 'u') {
                        continue;
                    }
                    c = 'e';
                }
                germanSources[german.length()] = source;
                german.append(c);
            }
            // ASCII folding, per character.
            var folded = new StringBuilder(german.length());
            var sources = new int[4 * german.length() + 4];
            char[] in = new char[1];
            char[] out = new char[4];
            for (int i = 0; i < german.length(); i++) {
                in[0] = german.charAt(i);
                int length = in[0] < 0x80 ? 1 : ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, 1);
                if (in[0] < 0x80) {
                    out[0] = in[0];
                }
                for (int j = 0; j < length; j++) {
                    sources[folded.length()] = germanSources[i];
                    folded.append(out[j]);
                }
            }
            return new Folded(folded.toString(), sources);
        }

        /** The index in the text of the character that folded character {@code at} came from. */
        int source(int at) {
            return sources[at];
        }

        /**
         * The end in the text of the first {@code length} folded characters; {@code wordEnd} when that is all of
         * them, so that a dropped trailing "e" is marked too.
         */
        int sourceEnd(int length, int wordEnd) {
            if (length >= text.length()) {
                return wordEnd;
            }
            return sources[length] > sources[length - 1] ? sources[length] : sources[length - 1] + 1;
        }
    }
}
