package org.kcskb.index;

import java.nio.file.Path;
import java.util.Locale;
import org.kcskb.KnowledgeBase;
import org.kcskb.actor.Actor;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;

/**
 * The child process of {@link IndexCrashRecoveryTest}: opens the embedded knowledge base (H2 store and Lucene
 * index) in a directory and captures articles until it is killed, each with a unique marker word, printing
 * {@code ACK <id> <marker>} after {@code capture} returned. Its first line is {@code READY}.
 */
public final class IndexCrashChild {
    static final Actor AUTHOR = Actor.candidate("agent-crash");

    /** Consonants only: no stemmer or suffix rule changes a marker, so two markers never become one term. */
    private static final String LETTERS = "bcdfghjklmnpqrtvwxz";

    private IndexCrashChild() {}

    public static void main(String[] args) {
        KnowledgeBase kb = KnowledgeBase.open(Path.of(args[0]));
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            String marker = marker(i);
            Article article = kb.capture(
                    AUTHOR,
                    ArticleContent.of("Crash test article " + i, "The printer shows code " + marker + " at start.")
                            .withResolution("Restart the spooler.")
                            .withLanguage(Locale.ENGLISH));
            System.out.println("ACK " + article.id().value() + " " + marker);
            System.out.flush();
        }
    }

    /** Returns the marker word of the {@code i}-th article: {@code kq} and four consonants. */
    static String marker(int i) {
        var marker = new StringBuilder("kq");
        for (int n = i, digit = 0; digit < 4; digit++, n /= LETTERS.length()) {
            marker.append(LETTERS.charAt(n % LETTERS.length()));
        }
        return marker.toString();
    }
}
