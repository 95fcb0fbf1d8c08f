package org.kcskb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host that uses the library from the module path, as a named module of its own: compiled against the built
 * modules (kb-core, kb-language, kb-index and their dependencies) and run in a child JVM with {@code --module-path}
 * and {@code -m}, no class path. The host requires only {@code org.kcskb.core}; the Lucene engine and the language
 * detector must come through their modules' {@code provides} (the JVM binds them), the engine's codec through
 * Lucene's {@code uses}, the German seed list and the OpenNLP model from the modules that hold them. A second host
 * reaches for what is not exported and must not compile.
 */
class ModulePathTest {
    /**
     * The automatic modules the library needs at run time (jars without a module descriptor). Every explicit module
     * on the test's class path goes on the module path too; the JVM resolves only those the host needs. The other
     * automatic modules (the test jars, AssertJ, the PostgreSQL driver) stay off: every automatic module on the
     * path is resolved once one is, and kb-core's test-jar shares kb-core's packages.
     */
    private static final Set<String> AUTOMATIC =
            Set.of("com.h2database", "org.apache.opennlp.tools", "opennlp.models.langdetect");

    private static final String HOST_MODULE = """
            module kb.host {
                requires org.kcskb.core;
            }
            """;

    private static final String HOST_MAIN = """
            package kb.host;

            import java.time.Duration;
            import org.kcskb.KnowledgeBase;
            import org.kcskb.actor.Actor;
            import org.kcskb.actor.Viewer;
            import org.kcskb.article.Article;
            import org.kcskb.article.ArticleContent;
            import org.kcskb.search.SearchRequest;
            import org.kcskb.search.SearchResult;
            import org.kcskb.store.ArticleStores;

            public final class Main {
                public static void main(String[] args) {
                    Actor agent = Actor.contributor("agent-1");
                    try (KnowledgeBase kb = KnowledgeBase.builder().store(ArticleStores.inMemory()).build()) {
                        Article article = kb.capture(agent, ArticleContent.of(
                                "Netzwerkdrucker druckt nach dem Update nicht mehr",
                                "Nach dem letzten Windows-Update zeigt der Netzwerkdrucker im Büro den Status offline"
                                        + " an und druckt keine Aufträge mehr. Der Treiber muss neu installiert und die"
                                        + " Druckerwarteschlange neu gestartet werden, danach druckt er wieder."));
                        if (!kb.awaitSearchable(Duration.ofSeconds(60))) {
                            throw new IllegalStateException("the article did not become searchable");
                        }
                        SearchResult result = kb.search(SearchRequest.builder("drucker offline", Viewer.agent(agent))
                                .build());
                        System.out.println("module " + Main.class.getModule().getName());
                        System.out.println("language " + article.content().language().toLanguageTag());
                        System.out.println("hits " + result.hits().stream().map(h -> h.id().value()).toList());
                        System.out.println("captured " + article.id().value());
                        ModuleLayer.boot().modules().stream()
                                .map(Module::getName)
                                .filter(name -> name.startsWith("org.kcskb."))
                                .sorted()
                                .forEach(name -> System.out.println("layer " + name));
                    }
                }
            }
            """;

    /** Reaches into packages that are not exported: the shipped stores' inside, the engine's analysis. */
    private static final String INTRUDER_MODULE = """
            module kb.intruder {
                requires org.kcskb.core;
                requires org.kcskb.index;
            }
            """;

    private static final String INTRUDER_MAIN = """
            package kb.intruder;

            public final class Main {
                public static void main(String[] args) {
                    System.out.println(org.kcskb.store.internal.InMemoryArticleStore.class);
                    System.out.println(org.kcskb.index.analysis.KbLanguages.class);
                    System.out.println(org.kcskb.index.codec.KnowledgeBaseCodec.class);
                }
            }
            """;

    @TempDir
    static Path directory;

    private static List<Path> modulePath;

    @BeforeAll
    static void modulePath() {
        Map<String, Path> modules = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                continue;
            }
            ModuleDescriptor descriptor;
            try {
                descriptor = ModuleFinder.of(path).findAll().stream()
                        .map(ModuleReference::descriptor)
                        .findFirst()
                        .orElse(null);
            } catch (FindException e) {
                continue; // not usable as a module (no derivable name, say): a host could not use it either
            }
            if (descriptor != null && (!descriptor.isAutomatic() || AUTOMATIC.contains(descriptor.name()))) {
                modules.putIfAbsent(descriptor.name(), path);
            }
        }
        assertThat(modules)
                .as("the library's modules and their dependencies are on the test's class path")
                .containsKeys("org.kcskb.core", "org.kcskb.language", "org.kcskb.index", "org.apache.lucene.core")
                .containsKeys(AUTOMATIC.toArray(String[]::new));
        modulePath = List.copyOf(modules.values());
    }

    @Test
    void aHostModule_searches_withTheEngineAndDetectorFoundThroughTheirProvides() throws Exception {
        Compilation compilation = compile("kb.host", HOST_MODULE, HOST_MAIN);
        assertThat(compilation.succeeded()).as(compilation.diagnostics()).isTrue();
        Path classes = compilation.classes();

        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx256m",
                "--enable-native-access=org.apache.lucene.core",
                "--module-path",
                path(Stream.concat(modulePath.stream(), Stream.of(classes)).toList()),
                "-m",
                "kb.host/kb.host.Main"));
        Path out = directory.resolve("host.out");
        Path err = directory.resolve("host.err");
        Process host = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(host.waitFor(120, TimeUnit.SECONDS))
                .as("the host finishes within two minutes")
                .isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(host.exitValue())
                .as("exit code; stdout: %s; stderr: %s", lines, Files.readString(err))
                .isZero();

        String captured = value(lines, "captured ");
        assertThat(lines)
                .contains("module kb.host")
                // kb-language's OpenNLP detector (bound through provides) read its model from the model's own jar.
                .contains("language de")
                // Lucene found through provides: German compound splitting, with kb-language's seed list, finds
                // "Netzwerkdrucker" for "drucker".
                .contains("hits [" + captured + "]")
                // The host named only org.kcskb.core: the engine and the detector were bound as service providers.
                .contains("layer org.kcskb.core", "layer org.kcskb.index", "layer org.kcskb.language");
    }

    @Test
    void aHostModule_cannotReachWhatIsNotExported() throws Exception {
        Compilation compilation = compile("kb.intruder", INTRUDER_MODULE, INTRUDER_MAIN);

        assertThat(compilation.succeeded()).as(compilation.diagnostics()).isFalse();
        assertThat(compilation.diagnostics())
                .contains("package org.kcskb.store.internal is not visible")
                .contains("package org.kcskb.index.analysis is not visible")
                .contains("package org.kcskb.index.codec is not visible");
    }

    private record Compilation(boolean succeeded, String diagnostics, Path classes) {}

    private static Compilation compile(String module, String moduleInfo, String main) throws IOException {
        Path sources = directory.resolve(module + "-src");
        Path mainFile = sources.resolve(module.replace('.', '/')).resolve("Main.java");
        Files.createDirectories(mainFile.getParent());
        Files.writeString(sources.resolve("module-info.java"), moduleInfo);
        Files.writeString(mainFile, main);
        Path classes = directory.resolve(module + "-classes");
        var diagnostics = new ByteArrayOutputStream();
        int status;
        try (var writer = new PrintWriter(diagnostics, true, StandardCharsets.UTF_8)) {
            status = ToolProvider.findFirst("javac")
                    .orElseThrow()
                    .run(
                            writer,
                            writer,
                            "--release",
                            "21",
                            "--module-path",
                            path(modulePath),
                            "-d",
                            classes.toString(),
                            sources.resolve("module-info.java").toString(),
                            mainFile.toString());
        }
        return new Compilation(status == 0, diagnostics.toString(StandardCharsets.UTF_8), classes);
    }

    private static String path(List<Path> entries) {
        return String.join(
                java.io.File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    private static String value(List<String> lines, String prefix) {
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "...' in " + lines));
    }
}
