package org.kcskb.article;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment section of a KCS article: structured attributes plus free text.
 *
 * <p>Well-known attribute keys are {@link #PRODUCT}, {@link #VERSION} and {@link #COMPONENT}; a host may use
 * any other lower-case key. Immutable and thread-safe.
 *
 * @param attributes key/value pairs such as {@code product=Acme Print}, sorted by key
 * @param text free-text environment description, possibly empty
 */
public record Environment(Map<String, String> attributes, String text) {
    public static final String PRODUCT = "product";
    public static final String VERSION = "version";
    public static final String COMPONENT = "component";

    private static final Environment EMPTY = new Environment(Map.of(), "");

    public Environment {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(text, "text");
        var sorted = new TreeMap<String, String>();
        attributes.forEach((key, value) -> {
            Objects.requireNonNull(key, "attribute key");
            Objects.requireNonNull(value, () -> "value of environment attribute '" + key + "'");
            if (!key.matches("[a-z][a-z0-9_.-]{0,63}")) {
                throw new IllegalArgumentException("Invalid environment key '" + ArticleId.abbreviate(key)
                        + "': use 1 to 64 lower-case letters, digits, '_', '.' or '-', starting with a letter,"
                        + " for example 'product'");
            }
            sorted.put(key, value.strip());
        });
        attributes = java.util.Collections.unmodifiableMap(sorted);
        text = text.strip();
    }

    /** Returns the empty environment. */
    public static Environment empty() {
        return EMPTY;
    }

    /** Returns an environment with only free text. */
    public static Environment of(String text) {
        return new Environment(Map.of(), text);
    }

    /** Returns an environment with a product, a version and free text. */
    public static Environment of(String product, String version, String text) {
        return new Environment(Map.of(PRODUCT, product, VERSION, version), text);
    }

    /** Returns a copy with {@code key} set to {@code value}. */
    public Environment with(String key, String value) {
        var copy = new TreeMap<>(attributes);
        copy.put(key, value);
        return new Environment(copy, text);
    }

    /** Returns the value of an attribute, if present. */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(attributes.get(key));
    }

    /** Returns the product attribute, if present. */
    public Optional<String> product() {
        return attribute(PRODUCT);
    }

    /** Returns the version attribute, if present. */
    public Optional<String> version() {
        return attribute(VERSION);
    }

    /** Returns whether there are neither attributes nor text. */
    public boolean isEmpty() {
        return attributes.isEmpty() && text.isEmpty();
    }
}
