/**
 * Language detection with Apache OpenNLP's published language-detection model: {@link
 * org.kcskb.language.opennlp.OpenNlpLanguageDetector}, registered through {@link java.util.ServiceLoader} as the
 * knowledge base's {@link org.kcskb.language.LanguageDetector} for German, English and French. It answers only when
 * the text is long and clear enough, else the language stays unknown.
 */
package org.kcskb.language.opennlp;
