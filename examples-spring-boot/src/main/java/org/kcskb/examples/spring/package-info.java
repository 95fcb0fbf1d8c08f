/**
 * The help-site search API as a Spring Boot application over {@code kb-spring-boot-starter}: {@link
 * org.kcskb.examples.spring.HelpSiteApplication} loads the sample knowledge base, {@link
 * org.kcskb.examples.spring.HelpSiteController} answers {@code GET /api/search}, {@code GET /api/suggest} and
 * {@code GET /api/articles/{id}} for the public.
 */
package org.kcskb.examples.spring;
