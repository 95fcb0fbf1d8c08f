package org.kcskb.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BOM ({@code kb-bom}, without a parent on purpose) repeats versions the parent POM sets: this test keeps them
 * equal, and keeps every published module (one that attaches a javadoc jar) in the BOM.
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theBom_namesTheParentsVersions_andEveryPublishedModule() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("kb-bom/pom.xml"));
        Map<String, String> parentProperties = properties(parent);
        Map<String, String> bomProperties = properties(bom);

        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(parent.getDocumentElement(), "version"));
        assertThat(bomProperties.get("kb.version")).isEqualTo(text(parent.getDocumentElement(), "version"));
        for (String property : List.of(
                "lucene.version", "postgresql.version", "commonmark.version", "project.build.outputTimestamp")) {
            assertThat(bomProperties.get(property))
                    .as(property + " in kb-bom/pom.xml must equal the parent's")
                    .isEqualTo(parentProperties.get(property));
        }

        List<String> managed = new ArrayList<>();
        var dependencies = bom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            managed.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
        }
        var modules = parent.getElementsByTagName("module");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().strip();
            Path pom = ROOT.resolve(module).resolve("pom.xml");
            if (Files.readString(pom).contains("<artifactId>maven-javadoc-plugin</artifactId>")) {
                published.add("org.kcskb:" + module);
            }
        }
        assertThat(published).contains("org.kcskb:kb-core", "org.kcskb:kb-index");
        assertThat(managed).as("published modules missing from kb-bom").containsAll(published);
    }

    private static Document read(Path pom) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> properties = new LinkedHashMap<>();
        Node node = pom.getElementsByTagName("properties").item(0);
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                properties.put(element.getTagName(), element.getTextContent().strip());
            }
        }
        return properties;
    }

    /** The text of the first direct child named {@code name}. */
    private static String text(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().strip();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
    }
}
