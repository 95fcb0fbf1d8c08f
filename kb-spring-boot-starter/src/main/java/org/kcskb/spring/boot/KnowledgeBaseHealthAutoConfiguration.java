package org.kcskb.spring.boot;

import org.kcskb.KnowledgeBase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The knowledge base's {@link KnowledgeBaseHealthIndicator} (component {@code kb}), when the actuator's health
 * support is on the class path and there is a knowledge base bean, the application's own too; {@code
 * management.health.kb.enabled=false} turns it off.
 */
@AutoConfiguration(after = KnowledgeBaseAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(KnowledgeBase.class)
@ConditionalOnEnabledHealthIndicator("kb")
public class KnowledgeBaseHealthAutoConfiguration {

    /** Created by Spring Boot. */
    public KnowledgeBaseHealthAutoConfiguration() {}

    /** The health indicator, DOWN above {@code kb.health.max-lag}. */
    @Bean
    @ConditionalOnMissingBean(name = "kbHealthIndicator")
    public KnowledgeBaseHealthIndicator kbHealthIndicator(
            KnowledgeBase knowledgeBase, KnowledgeBaseProperties properties) {
        return new KnowledgeBaseHealthIndicator(
                knowledgeBase, properties.health().maxLag());
    }
}
