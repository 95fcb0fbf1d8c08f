/**
 * Spring Boot auto-configuration of a {@link org.kcskb.KnowledgeBase} bean from {@code kb.*} properties ({@link
 * org.kcskb.spring.boot.KnowledgeBaseProperties}): the embedded store in a folder or PostgreSQL through the
 * application's {@code DataSource}, the Lucene engine, closed with the context; with the actuator, a health
 * indicator ({@link org.kcskb.spring.boot.KnowledgeBaseHealthIndicator}) and the {@code kb-micrometer} meters.
 * Hosts adjust what the properties do not cover with {@link org.kcskb.spring.boot.KnowledgeBaseBuilderCustomizer}
 * beans, or replace the knowledge base by defining their own bean.
 */
package org.kcskb.spring.boot;
