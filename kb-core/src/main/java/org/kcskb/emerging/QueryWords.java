package org.kcskb.emerging;

import java.util.ArrayList;
import java.util.List;

/** How similar two analysed queries are: a Jaccard overlap of their words in which small typos still match. */
final class QueryWords {
    private QueryWords() {}

    /**
     * Returns the overlap of two word sets, 0 to 1: the words that match (each word of {@code b} used once)
     * divided by the words of both. Two words match when they are equal, when one is a prefix of the other of at
     * least 5 characters (an unstemmed inflection: "start", "startet"), or when they are at most one edit apart
     * and both have at least 4 characters (two edits from 8 on): a typo.
     */
    static double similarity(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        var unused = new ArrayList<>(b);
        int matched = 0;
        for (String word : a) {
            for (int i = 0; i < unused.size(); i++) {
                if (match(word, unused.get(i))) {
                    unused.remove(i);
                    matched++;
                    break;
                }
            }
        }
        return matched / (double) (a.size() + b.size() - matched);
    }

    static boolean match(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int shorter = Math.min(a.length(), b.length());
        if (shorter >= 5 && (a.startsWith(b) || b.startsWith(a))) {
            return true;
        }
        if (shorter < 4) {
            return false;
        }
        int allowed = shorter >= 8 ? 2 : 1;
        return Math.abs(a.length() - b.length()) <= allowed && distance(a, b, allowed) <= allowed;
    }

    /** The optimal-string-alignment distance (a swap of neighbours is one edit), or more than {@code max}. */
    private static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > max) {
                return max + 1;
            }
        }
        return d[n][m];
    }
}
