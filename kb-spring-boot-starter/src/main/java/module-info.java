/**
 * Spring Boot auto-configuration of a knowledge base ({@code org.kcskb.spring.boot}). Spring creates the
 * configurations and binds the properties record by reflection, so the package is open as well as exported. The
 * Spring modules whose annotations and types the configuration classes carry are required transitively; the
 * actuator's health support is optional, as in the POM.
 */
@SuppressWarnings("requires-transitive-automatic") // Spring's jars are automatic modules with stable names
module org.kcskb.spring.boot {
    requires transitive org.kcskb.core;
    requires transitive org.kcskb.micrometer;
    requires org.kcskb.index;
    requires transitive spring.beans;
    requires transitive spring.core;
    requires transitive spring.context;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires static transitive spring.boot.health;

    exports org.kcskb.spring.boot;

    opens org.kcskb.spring.boot;
}
