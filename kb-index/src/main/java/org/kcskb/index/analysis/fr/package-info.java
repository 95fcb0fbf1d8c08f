/**
 * French, as one {@link org.kcskb.index.analysis.LanguageAnalysis}: Lucene's elision of French articles, accents
 * folded, French stopwords at query time and light stemming. Registered in {@link
 * org.kcskb.index.analysis.KbLanguages}; the example of how a language is added.
 */
package org.kcskb.index.analysis.fr;
