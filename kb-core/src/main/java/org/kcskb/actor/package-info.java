/**
 * Who acts and who reads: an {@link org.kcskb.actor.Actor} writes and carries a KCS {@link
 * org.kcskb.actor.Licence} (Candidate, Contributor, Publisher, or administrator) that the lifecycle policy checks;
 * a {@link org.kcskb.actor.Viewer} reads and belongs to an audience (the anonymous public, a partner, a licensed
 * agent), which decides what every answer may show.
 */
package org.kcskb.actor;
