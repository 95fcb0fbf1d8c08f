package org.kcskb.search;

import java.util.Objects;

/**
 * How many matching articles have one value of a facet.
 *
 * @param value the facet value, for example a product name
 * @param count the number of matching articles the viewer may see with that value
 */
public record FacetCount(String value, long count) {
    public FacetCount {
        Objects.requireNonNull(value, "value");
    }
}
