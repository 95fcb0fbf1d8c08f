package org.kcskb.index.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Removes stopwords from a query, unless that would remove every term. Not thread-safe, like every token stream.
 *
 * <p>A plain stop filter turns "Was kann ich tun?" into nothing with a long German stop list, and "the" into nothing
 * with any list; this one keeps such a query as it is. It reads ahead up to {@value #WINDOW} tokens: if one of them is
 * not a stopword, stopwords are dropped throughout; if all are, they are kept, and later tokens (of a pathological
 * query longer than the window) are filtered as usual, which can no longer empty the query. The look-ahead bounds the
 * memory a huge input can take. Dropped tokens add their position increments to the next kept token, as in Lucene's
 * own stop filter, so phrase distances stay right.
 */
final class QueryStopFilter extends TokenFilter {
    /** Tokens read ahead to decide; queries are far shorter. */
    static final int WINDOW = 64;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute positionIncrement = addAttribute(PositionIncrementAttribute.class);
    private final CharArraySet stopWords;

    private final List<State> window = new ArrayList<>();
    private final boolean[] stop = new boolean[WINDOW];
    private boolean decided;
    private boolean windowHasContent;
    private boolean inputExhausted;
    private int replayed;
    private int skippedPositions;

    QueryStopFilter(TokenStream input, CharArraySet stopWords) {
        super(input);
        this.stopWords = stopWords;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!decided) {
            readWindow();
        }
        while (replayed < window.size()) {
            int index = replayed++;
            restoreState(window.get(index));
            if (keep(stop[index] && windowHasContent)) {
                return true;
            }
        }
        // Past the window, stopwords always go: the window that was kept already holds a term.
        while (!inputExhausted) {
            if (!input.incrementToken()) {
                inputExhausted = true;
                return false;
            }
            if (keep(isStopWord())) {
                return true;
            }
        }
        return false;
    }

    private void readWindow() throws IOException {
        decided = true;
        boolean content = false;
        while (window.size() < WINDOW) {
            if (!input.incrementToken()) {
                inputExhausted = true;
                break;
            }
            boolean isStop = isStopWord();
            stop[window.size()] = isStop;
            content |= !isStop;
            // Queries only: one state per token is fine for at most WINDOW tokens.
            window.add(captureState());
        }
        windowHasContent = content;
    }

    /** Decides on the current token; a dropped one leaves its position increment to the next kept token. */
    private boolean keep(boolean drop) {
        if (drop) {
            skippedPositions += positionIncrement.getPositionIncrement();
            return false;
        }
        if (skippedPositions > 0) {
            positionIncrement.setPositionIncrement(positionIncrement.getPositionIncrement() + skippedPositions);
            skippedPositions = 0;
        }
        return true;
    }

    private boolean isStopWord() {
        return stopWords.contains(term.buffer(), 0, term.length());
    }

    @Override
    public void end() throws IOException {
        super.end();
        positionIncrement.setPositionIncrement(positionIncrement.getPositionIncrement() + skippedPositions);
        skippedPositions = 0;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        window.clear();
        decided = false;
        windowHasContent = false;
        inputExhausted = false;
        replayed = 0;
        skippedPositions = 0;
    }
}
