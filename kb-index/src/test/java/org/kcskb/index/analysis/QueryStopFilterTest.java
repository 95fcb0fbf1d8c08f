package org.kcskb.index.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Collections;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.junit.jupiter.api.Test;

class QueryStopFilterTest {
    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new WhitespaceTokenizer();
            return new TokenStreamComponents(
                    source, new QueryStopFilter(source, new CharArraySet(List.of("the", "a", "of"), false)));
        }
    };

    @Test
    void dropsStopwords_whenContentRemains() {
        assertThat(Token.all(analyzer, "the state of the printer"))
                .extracting(Token::term, Token::position)
                .containsExactly(tuple("state", 1), tuple("printer", 4));
    }

    @Test
    void keepsEveryToken_whenAllAreStopwords() {
        assertThat(Token.terms(analyzer, "the")).containsExactly("the");
        assertThat(Token.terms(analyzer, "of the a")).containsExactly("of", "the", "a");
    }

    @Test
    void producesNothing_forEmptyInput() {
        assertThat(Token.terms(analyzer, "  ")).isEmpty();
    }

    @Test
    void decidesOnFirstWindow_andFiltersTheRestOfHugeInput() {
        String stopwords = String.join(" ", Collections.nCopies(QueryStopFilter.WINDOW, "the"));

        List<String> terms = Token.terms(analyzer, stopwords + " of printer a");

        assertThat(terms).hasSize(QueryStopFilter.WINDOW + 1).endsWith("the", "printer");
    }

    @Test
    void dropsStopwordsInHugeInput_whenWindowHoldsContent() {
        String input = "printer " + String.join(" ", Collections.nCopies(200, "the")) + " driver";

        assertThat(Token.all(analyzer, input))
                .extracting(Token::term, Token::position)
                .containsExactly(tuple("printer", 0), tuple("driver", 201));
    }

    @Test
    void startsAfresh_whenStreamIsReused() {
        assertThat(Token.terms(analyzer, "the")).containsExactly("the");
        assertThat(Token.terms(analyzer, "the printer")).containsExactly("printer");
        assertThat(Token.terms(analyzer, "a")).containsExactly("a");
    }
}
