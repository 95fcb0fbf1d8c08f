/**
 * The help site for a host's own server: {@link org.kcskb.web.KbWeb} builds the public JSON API and serves the
 * search widget (a WebJar with its message bundles), mounted as a Jetty 12 handler or a Jakarta Servlet 6 servlet;
 * {@link org.kcskb.web.KbWebServer} runs it on its own, hardened server. A request reaches the knowledge base as the
 * {@link org.kcskb.actor.Viewer} the host's viewer function names ({@link org.kcskb.web.WebRequest} is what that
 * function sees), so everything it answers comes from the articles that viewer may see; a visitor's "contact
 * support" arrives as a {@link org.kcskb.web.HandOff}. Everything else in the package (dispatch, limits, rendering)
 * is internal to it.
 */
package org.kcskb.web;
