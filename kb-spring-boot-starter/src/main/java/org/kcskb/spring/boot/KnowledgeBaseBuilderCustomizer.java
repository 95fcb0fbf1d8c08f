package org.kcskb.spring.boot;

import org.kcskb.KnowledgeBaseBuilder;

/**
 * Adjusts the auto-configured knowledge base's builder beyond the {@code kb.*} properties (lifecycle policy,
 * vocabulary, clock, ...). Every customizer bean is applied, in {@link org.springframework.core.Ordered} order,
 * after the properties; each builder option may be set once, so a customizer must not set what the properties set
 * (store, directory, search engine, refresh interval, metrics).
 *
 * <pre>{@code
 * @Bean
 * KnowledgeBaseBuilderCustomizer vocabulary() {
 *     return builder -> builder.baseVocabulary(Vocabulary.starter().plus(ourAbbreviations));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface KnowledgeBaseBuilderCustomizer {

    /** Sets options on the builder before the knowledge base is built. */
    void customize(KnowledgeBaseBuilder builder);
}
