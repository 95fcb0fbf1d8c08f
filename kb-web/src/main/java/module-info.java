/**
 * The help site: the public JSON API and the search widget ({@link org.kcskb.web.KbWeb}), mounted as a Jetty 12
 * handler, a Servlet 6 servlet, or on its own server ({@link org.kcskb.web.KbWebServer}). Jetty and the Servlet API
 * are optional ({@code requires static}): a host brings the one its server runs on. The JSON answers are records of
 * this module that Jackson writes, so the package is open to Jackson alone.
 */
module org.kcskb.web {
    requires transitive org.kcskb.core;
    requires org.kcskb.index;
    requires com.fasterxml.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
    requires static transitive org.eclipse.jetty.server;
    requires static transitive jakarta.servlet;

    exports org.kcskb.web;

    opens org.kcskb.web to
            com.fasterxml.jackson.databind;
}
