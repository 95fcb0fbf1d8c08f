/**
 * Proactive service: what is rising right now, found in what the knowledge base already records, before customers
 * call about it. {@link org.kcskb.emerging.EmergingIssueDetector} compares the latest window with a baseline
 * (searches and content gaps grouped by the search engine's words, reuse and flags per article and per product),
 * with minimum counts and a false-alarm bound ({@link org.kcskb.emerging.EmergingIssueSettings}); each {@link
 * org.kcskb.emerging.EmergingIssue} says what, since when, how fast, with example queries and the candidate articles
 * the asking coach may read. Listeners ({@link org.kcskb.emerging.EmergingIssueListener}) hear of an issue once
 * ({@link org.kcskb.emerging.EmergingIssueTracker}). A coach turns an issue into an article ({@link
 * org.kcskb.KnowledgeBase#captureFromEmergingIssue}) or a known-issue notice ({@link
 * org.kcskb.notice.NoticeDraft#fromEmergingIssue}).
 */
package org.kcskb.emerging;
