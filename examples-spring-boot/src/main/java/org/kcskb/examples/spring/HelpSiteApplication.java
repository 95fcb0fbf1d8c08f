package org.kcskb.examples.spring;

import java.time.Duration;
import org.kcskb.KnowledgeBase;
import org.kcskb.examples.SampleKnowledgeBase;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The help site on Spring Boot: the starter configures the {@link KnowledgeBase} from {@code application.properties}
 * ({@code kb.directory}, {@code kb.refresh-interval}); this application loads the sample articles into it on the
 * first start and serves the search API ({@link HelpSiteController}), with {@code /actuator/health} and {@code
 * /actuator/metrics/kb.search}.
 *
 * <pre>
 * ./mvnw -B -ntp -pl examples-spring-boot -am package -DskipTests
 * java -jar examples-spring-boot/target/examples-spring-boot-0.1.0-SNAPSHOT.jar   # or run main() from the IDE
 * curl 'http://localhost:8080/api/search?q=drucker'
 * </pre>
 */
@SpringBootApplication
public class HelpSiteApplication {

    /** Starts the application. */
    public static void main(String[] args) {
        SpringApplication.run(HelpSiteApplication.class, args);
    }

    /** Loads the sample knowledge base when the store is empty, and waits until it is searchable. */
    @Bean
    ApplicationRunner loadSample(KnowledgeBase kb) {
        return arguments -> {
            SampleKnowledgeBase.Summary summary = SampleKnowledgeBase.loadIfEmpty(kb);
            if (summary.loaded()) {
                System.getLogger(HelpSiteApplication.class.getName())
                        .log(
                                System.Logger.Level.INFO,
                                "Loaded the sample knowledge base: "
                                        + summary.articles().size() + " articles");
            }
            kb.awaitSearchable(Duration.ofSeconds(30));
        };
    }
}
