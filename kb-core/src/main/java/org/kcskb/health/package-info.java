/**
 * Content health (KCS Evolve Loop): the article quality index (AQI), flags and their turnaround, reuse and feedback
 * trends per article, and per author and team the articles created and reused by others, the AQI, flags received and
 * fixed, and the link rate and "new versus known" of the cases they closed. See {@link
 * org.kcskb.KnowledgeBase#health} and {@link org.kcskb.KnowledgeBase#caseClosed}.
 */
package org.kcskb.health;
