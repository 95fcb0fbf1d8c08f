package org.kcskb.opensearch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kcskb.index.analysis.GermanNormalForm;
import org.kcskb.render.Html;

/** The words of typed text and suggestions, compared in a folded form, and suggestions highlighted as HTML. */
final class SuggestionText {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int MAX_WORDS = 8;

    private SuggestionText() {}

    /**
     * A word folded for comparison: the library's German normal form, as the index's {@code kb_exact} analysis
     * writes title words (lower case, umlauts and ß spelled out, other accents dropped), so that "Drücken" is {@code
     * druecken}, apart from "drucken", and meets a typed "drueck".
     */
    static String fold(String word) {
        return GermanNormalForm.word(word);
    }

    /** The first words of {@code text}, folded. */
    static List<String> words(String text) {
        var words = new ArrayList<String>();
        Matcher m = WORD.matcher(text);
        while (m.find() && words.size() < MAX_WORDS) {
            words.add(fold(m.group()));
        }
        return words;
    }

    /** A text's words, folded and joined by single spaces: equal for texts that differ in case and accents only. */
    static String normalize(String text) {
        var words = new ArrayList<String>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(fold(m.group()));
        }
        return String.join(" ", words);
    }

    /**
     * Whether every typed word starts some word of {@code text}: the words before the last as typed, the last as a
     * prefix (it may be incomplete).
     */
    static boolean matches(List<String> textWords, List<String> typed) {
        for (int i = 0; i < typed.size(); i++) {
            String word = typed.get(i);
            boolean last = i == typed.size() - 1;
            boolean found = false;
            for (String candidate : textWords) {
                if (last ? candidate.startsWith(word) : candidate.equals(word) || candidate.startsWith(word)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code text} HTML-escaped, in each word that starts with a typed word the letters typed wrapped in {@code
     * <mark>} ("druck" marks "<mark>Druck</mark>er", "kuend" marks "<mark>Künd</mark>igung").
     */
    static String highlight(String text, List<String> typed) {
        var out = new StringBuilder(text.length() + 16);
        Matcher m = WORD.matcher(text);
        int at = 0;
        while (m.find()) {
            escape(text.substring(at, m.start()), out);
            String word = m.group();
            String folded = fold(word);
            int longest = 0;
            for (String t : typed) {
                if (!t.isEmpty() && folded.startsWith(t)) {
                    longest = Math.max(longest, t.length());
                }
            }
            int end = longest == 0 ? 0 : markedEnd(word, longest);
            if (end > 0) {
                out.append("<mark>");
                escape(word.substring(0, end), out);
                out.append("</mark>");
            }
            escape(word.substring(end), out);
            at = m.end();
        }
        escape(text.substring(at), out);
        return out.toString();
    }

    /** The end of the shortest prefix of {@code word} whose folded form has at least {@code length} characters. */
    private static int markedEnd(String word, int length) {
        for (int end = 1; end < word.length(); end = word.offsetByCodePoints(end, 1)) {
            if (fold(word.substring(0, end)).length() >= length) {
                return end;
            }
        }
        return word.length();
    }

    static void escape(String text, StringBuilder out) {
        Html.escape(out, text, 0, text.length());
    }
}
