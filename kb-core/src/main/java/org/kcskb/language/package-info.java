/**
 * The language detection SPI: {@link org.kcskb.language.LanguageDetector} tells the language stored with an
 * article (and with a recorded search) that was given none, whichever search engine is in use.
 */
package org.kcskb.language;
