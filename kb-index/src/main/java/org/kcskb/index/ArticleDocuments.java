package org.kcskb.index;

import static org.kcskb.index.ArticleFields.field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.kcskb.article.Article;
import org.kcskb.article.ArticleContent;
import org.kcskb.article.Languages;
import org.kcskb.article.TextField;
import org.kcskb.render.ArticleText;
import org.kcskb.search.spi.KcsPrior;

/** Maps articles to Lucene documents. Stateless and thread-safe. */
final class ArticleDocuments {
    /** Text: positions for phrases. */
    private static final FieldType TEXT;

    /**
     * The snippet fields ({@link Snippets#SNIPPET_FIELDS}): also offsets in postings so that snippets need no
     * re-analysis, and stored for the snippet text. Only these are stored: every stored byte of a document is
     * decompressed when a hit is read, and the other text fields are never shown.
     */
    private static final FieldType SNIPPET_TEXT;

    static {
        TEXT = new FieldType();
        TEXT.setTokenized(true);
        TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        TEXT.freeze();
        SNIPPET_TEXT = new FieldType(TEXT);
        SNIPPET_TEXT.setStored(true);
        SNIPPET_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        SNIPPET_TEXT.freeze();
    }

    /** Exact word forms: frequencies and norms for BM25, no positions (phrases use the analysed fields). */
    private static final FieldType EXACT;

    static {
        EXACT = new FieldType();
        EXACT.setTokenized(true);
        EXACT.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        EXACT.freeze();
    }

    /** Field-weighted frequencies, no positions: see {@link WeightedTerms}. */
    private static final FieldType WEIGHTED;

    static {
        WEIGHTED = new FieldType();
        WEIGHTED.setTokenized(true);
        WEIGHTED.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
        WEIGHTED.freeze();
    }

    /**
     * The weight of each KCS field in {@link ArticleFields#ALL}, as a term frequency per occurrence: title 2,
     * issue 1.5, resolution, cause and environment 1, scaled to integers. BM25 over the field, with k1 scaled by the
     * same factor ({@link #WEIGHT_SCALE}), scores exactly as BM25F over the separate fields with those weights.
     */
    static final int TITLE_WEIGHT = 4;

    static final int ISSUE_WEIGHT = 3;
    static final int BODY_WEIGHT = 2;
    /** The factor between the weights above and the BM25F field weights they stand for. */
    static final int WEIGHT_SCALE = 2;

    private ArticleDocuments() {}

    static String languageKey(Article article) {
        return ArticleFields.languageKey(article.language());
    }

    /**
     * Returns the article's document; {@code analyzer} is the index analyzer, which analyses the weighted fields
     * here, in the article's language, and the other text fields when the document is added.
     */
    static Document toDocument(Article article, Analyzer analyzer) {
        var doc = new Document();
        String id = article.id().value();
        doc.add(new StringField(ArticleFields.ID, id, Field.Store.YES));
        doc.add(new SortedDocValuesField(ArticleFields.ID, new BytesRef(id)));
        doc.add(new StringField(ArticleFields.STATE, article.state().name(), Field.Store.YES));
        doc.add(new StringField(ArticleFields.AUDIENCE, article.audience().name(), Field.Store.YES));
        doc.add(new StringField(
                ArticleFields.VISIBILITY,
                ArticleFields.visibility(article.state(), article.audience()),
                Field.Store.NO));
        doc.add(new StringField(ArticleFields.AUTHOR, article.author(), Field.Store.NO));
        String languageTag = Languages.tag(article.language());
        doc.add(new StringField(ArticleFields.LANGUAGE, languageTag, Field.Store.YES));
        doc.add(new StoredField(ArticleFields.REVISION, article.revision()));
        doc.add(new StoredField(ArticleFields.STORED_TITLE, article.title()));
        long modified = article.modified().toEpochMilli();
        doc.add(new LongPoint(ArticleFields.MODIFIED, modified));
        doc.add(new NumericDocValuesField(ArticleFields.MODIFIED, modified));
        doc.add(new StoredField(ArticleFields.STORED_MODIFIED, modified));

        for (String tag : article.content().tags()) {
            doc.add(new StringField(ArticleFields.TAG, tag.toLowerCase(Locale.ROOT), Field.Store.NO));
            facet(doc, "category", tag);
        }
        article.environment()
                .attributes()
                .forEach((key, value) -> doc.add(new StringField(
                        ArticleFields.ENV_ATTRIBUTE, key + "=" + value.toLowerCase(Locale.ROOT), Field.Store.NO)));
        article.environment().product().ifPresent(p -> facet(doc, "product", p));
        article.environment().version().ifPresent(v -> facet(doc, "version", v));
        facet(doc, "state", article.state().name());
        facet(doc, "language", languageTag);

        String key = languageKey(article);
        // The text as a reader sees it: Markdown without its markup (ArticleText), plain text as written.
        ArticleContent content = article.content();
        String issue = ArticleText.plain(content, TextField.ISSUE);
        String resolution = ArticleText.plain(content, TextField.RESOLUTION);
        String cause = ArticleText.plain(content, TextField.CAUSE);
        text(doc, field(ArticleFields.TITLE, key), article.title(), TEXT);
        text(doc, field(ArticleFields.ISSUE, key), issue, SNIPPET_TEXT);
        text(doc, field(ArticleFields.RESOLUTION, key), resolution, SNIPPET_TEXT);
        text(doc, field(ArticleFields.CAUSE, key), cause, TEXT);
        var environment = new StringBuilder(ArticleText.plain(content, TextField.ENVIRONMENT));
        article.environment().attributes().values().forEach(v -> environment
                .append('\n')
                .append(v));
        article.content().tags().forEach(t -> environment.append('\n').append(t));
        text(doc, field(ArticleFields.ENVIRONMENT, key), environment.toString(), TEXT);
        // All text again in its exact word forms (no stemming, no decompounding) for the exact-form bonus.
        text(
                doc,
                field(ArticleFields.EXACT, key),
                String.join("\n", article.title(), issue, resolution, cause, environment),
                EXACT);
        weighted(doc, key, analyzer, article.title(), issue, resolution, cause, environment.toString());

        article.translationGroup().ifPresent(group -> {
            doc.add(new StringField(ArticleFields.TRANSLATION_GROUP, group.value(), Field.Store.NO));
            doc.add(new SortedDocValuesField(ArticleFields.TRANSLATION_GROUP, new BytesRef(group.value())));
        });
        doc.add(signalPrior(article));
        return doc;
    }

    /**
     * Returns what ranking reads of an article's signals, the prior they make with its state, as a numeric doc
     * value: written with the article, and updated in place when only its signals change.
     */
    static Field signalPrior(Article article) {
        return new NumericDocValuesField(
                KcsPriors.SIGNAL_PRIOR,
                Double.doubleToLongBits(KcsPrior.signalPrior(article.state(), article.signals())));
    }

    /**
     * Adds {@link ArticleFields#ALL}: the text fields analysed once more in the article's language, decompounded
     * parts included, each occurrence counted with its field's weight; and the field of every other language
     * empty.
     *
     * <p>An empty field holds no term, so BM25's statistics (documents with the field, their total length) are
     * those of the language's own articles, as without it; but it gives the article a norm there (0). Norms that
     * every document has are read straight by doc id, where the norms of a field that only some documents have go
     * through an index of which ones do: that took about a seventh of a search over a knowledge base of two
     * languages.
     */
    private static void weighted(
            Document doc,
            String key,
            Analyzer analyzer,
            String title,
            String issue,
            String resolution,
            String cause,
            String environment) {
        var weights = new LinkedHashMap<String, Integer>();
        String field = field(ArticleFields.ALL, key);
        int length = add(weights, Tokens.analyze(analyzer, field, title), TITLE_WEIGHT)
                + add(weights, Tokens.analyze(analyzer, field, issue), ISSUE_WEIGHT)
                + add(weights, Tokens.analyze(analyzer, field, resolution), BODY_WEIGHT)
                + add(weights, Tokens.analyze(analyzer, field, cause), BODY_WEIGHT)
                + add(weights, Tokens.analyze(analyzer, field, environment), BODY_WEIGHT);
        for (String other : ArticleFields.LANGUAGE_KEYS) {
            boolean own = other.equals(key);
            doc.add(new Field(
                    field(ArticleFields.ALL, other),
                    own ? new WeightedTerms(weights, length) : new WeightedTerms(Map.of(), 0),
                    WEIGHTED));
        }
    }

    /** Adds the tokens' weights; returns the weighted number of words (tokens stacked on a word not counted). */
    private static int add(Map<String, Integer> weights, List<Tokens.Token> tokens, int weight) {
        int length = 0;
        for (Tokens.Token token : tokens) {
            weights.merge(token.term(), weight, Integer::sum);
            if (token.increment() > 0) {
                length += weight;
            }
        }
        return length;
    }

    private static void text(Document doc, String field, String value, FieldType type) {
        if (!value.isEmpty()) {
            doc.add(new Field(field, value, type));
        }
    }

    private static void facet(Document doc, String dimension, String value) {
        doc.add(new SortedSetDocValuesField(ArticleFields.FACET_PREFIX + dimension, new BytesRef(value)));
    }
}
