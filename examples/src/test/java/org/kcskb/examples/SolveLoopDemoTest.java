package org.kcskb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kcskb.KnowledgeBase;

class SolveLoopDemoTest {
    @TempDir
    Path directory;

    @Test
    void demo_playsTheSolveLoopAndFindsThePublishedArticle() {
        var bytes = new ByteArrayOutputStream();
        try (KnowledgeBase kb = KnowledgeBase.open(directory);
                var out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            SolveLoopDemo.run(kb, out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("conflict: Revision conflict")
                .contains("kcs.publish.requires-publisher")
                .contains("'druckertreiber update' -> [Drucker druckt nach Windows-Update nicht mehr]")
                .contains("'vpn disconnects' -> (nothing the public may see)");
    }
}
