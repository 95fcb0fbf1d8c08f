/**
 * Language detection with Apache OpenNLP: {@link org.kcskb.language.opennlp.OpenNlpLanguageDetector}, provided as
 * the knowledge base's {@link org.kcskb.language.LanguageDetector}. The model comes from {@code
 * opennlp-models-langdetect} (an automatic module, {@code opennlp.models.langdetect}), which must be on the module
 * path too.
 *
 * <p>{@code org.kcskb.language.seed} holds no classes, only the German compound seed list that the search engines
 * read; it is open so that they can.
 */
module org.kcskb.language {
    requires transitive org.kcskb.core;
    requires org.apache.opennlp.tools;
    // OpenNLP logs through SLF4J; an automatic module cannot say so, so the module that brings it does.
    requires org.slf4j;

    exports org.kcskb.language.opennlp;

    opens org.kcskb.language.seed;

    provides org.kcskb.language.LanguageDetector with
            org.kcskb.language.opennlp.OpenNlpLanguageDetector;
}
