package org.kcskb.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.kcskb.article.Environment;
import org.kcskb.search.SearchRequest;
import org.kcskb.search.spi.ContextBoost;

/**
 * The {@linkplain SearchRequest#context() asker's context} as a factor per document ({@link ContextBoost}), read from
 * the environment attribute terms the filters use ({@link ArticleFields#ENV_ATTRIBUTE}) and, for the version rule,
 * whether the article names a product (its product facet's doc values).
 *
 * <p>An empty context is factor 1 everywhere and reads nothing. Immutable and thread-safe, compared by value (part of
 * {@link KcsPriors}' equality); its {@link Leaf}s are not thread-safe.
 */
final class AskerContext {
    static final AskerContext NONE = new AskerContext(Map.of());

    private static final String PRODUCT_FACET = ArticleFields.FACET_PREFIX + Environment.PRODUCT;

    /** Attribute name to normalised value, sorted by name. */
    private final Map<String, String> attributes;

    private AskerContext(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    /** The context of {@code request}. */
    static AskerContext of(SearchRequest request) {
        if (request.context().isEmpty()) {
            return NONE;
        }
        var normalised = new TreeMap<String, String>();
        request.context().forEach((key, value) -> normalised.put(key, ContextBoost.normalize(value)));
        return new AskerContext(normalised);
    }

    boolean isEmpty() {
        return attributes.isEmpty();
    }

    /** The largest factor any document can have: what bounds a boosted score. */
    double max() {
        return isEmpty() ? 1.0 : ContextBoost.MAX;
    }

    /** Whether the doc values read for {@code leaf} may be cached with it (the product facet never changes). */
    boolean isCacheable(LeafReaderContext leaf) {
        return isEmpty() || DocValues.isCacheable(leaf, PRODUCT_FACET);
    }

    /** Returns the factors of one segment, to be asked about documents in increasing order. */
    Leaf leaf(LeafReaderContext leaf) throws IOException {
        return new Leaf(leaf);
    }

    /** The factors in one segment. */
    final class Leaf {
        private final String[] keys;
        private final PostingsEnum[] postings;
        private final SortedSetDocValues products;
        private final int productIndex;
        private int productDoc = -1;
        private boolean hasProduct;

        private Leaf(LeafReaderContext leaf) throws IOException {
            keys = attributes.keySet().toArray(String[]::new);
            postings = new PostingsEnum[keys.length];
            int product = -1;
            for (int i = 0; i < keys.length; i++) {
                postings[i] = leaf.reader()
                        .postings(
                                new Term(ArticleFields.ENV_ATTRIBUTE, keys[i] + "=" + attributes.get(keys[i])),
                                PostingsEnum.NONE);
                if (keys[i].equals(Environment.PRODUCT)) {
                    product = i;
                }
            }
            productIndex = product;
            products = attributes.containsKey(Environment.VERSION)
                    ? leaf.reader().getSortedSetDocValues(PRODUCT_FACET)
                    : null;
        }

        /** The factor of {@code doc}: 1 unless it shares attributes with the asker. */
        double factor(int doc) throws IOException {
            if (keys.length == 0) {
                return 1.0;
            }
            boolean product = productIndex >= 0 && matches(productIndex, doc);
            int others = 0;
            for (int i = 0; i < keys.length; i++) {
                if (i != productIndex && matches(i, doc) && ContextBoost.counts(keys[i], product, hasProduct(doc))) {
                    others++;
                }
            }
            return ContextBoost.factor(product, others);
        }

        /** The shared attributes of {@code doc} that count, the product first, as {@code key=value}. */
        List<String> shared(int doc) throws IOException {
            var shared = new ArrayList<String>();
            boolean product = productIndex >= 0 && matches(productIndex, doc);
            if (product) {
                shared.add(Environment.PRODUCT + "=" + attributes.get(Environment.PRODUCT));
            }
            for (int i = 0; i < keys.length; i++) {
                if (i != productIndex && matches(i, doc) && ContextBoost.counts(keys[i], product, hasProduct(doc))) {
                    shared.add(keys[i] + "=" + attributes.get(keys[i]));
                }
            }
            return shared;
        }

        private boolean matches(int key, int doc) throws IOException {
            PostingsEnum p = postings[key];
            if (p == null) {
                return false;
            }
            if (p.docID() < doc) {
                p.advance(doc);
            }
            return p.docID() == doc;
        }

        private boolean hasProduct(int doc) throws IOException {
            // Read only for a shared version; docs arrive in increasing order, the same one possibly twice.
            if (products == null) {
                return false;
            }
            if (doc != productDoc) {
                productDoc = doc;
                hasProduct = products.advanceExact(doc);
            }
            return hasProduct;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AskerContext other && other.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    @Override
    public String toString() {
        return "context" + attributes;
    }
}
