package org.kcskb.examples.helpsite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HelpSiteDemoTest {
    @Test
    void options_defaultToLocalhost8080AndKbData() {
        assertThat(HelpSiteDemo.Options.parse(new String[0]))
                .isEqualTo(new HelpSiteDemo.Options("localhost", 8080, Path.of("kb-data")));
    }

    @Test
    void options_areReadFromTheCommandLine() {
        assertThat(HelpSiteDemo.Options.parse(new String[] {"--port", "0", "--host", "0.0.0.0", "--data", "/tmp/kb"}))
                .isEqualTo(new HelpSiteDemo.Options("0.0.0.0", 0, Path.of("/tmp/kb")));
    }

    @Test
    void options_mayPointTheSearchAtAnOpenSearchCluster() {
        assertThat(HelpSiteDemo.Options.parse(
                                new String[] {"--opensearch", "http://127.0.0.1:9200,http://127.0.0.1:9201"})
                        .openSearch())
                .containsExactly("http://127.0.0.1:9200", "http://127.0.0.1:9201");
        assertThatThrownBy(() -> HelpSiteDemo.Options.parse(new String[] {"--opensearch", "localhost"}))
                .hasMessageContaining("--opensearch: url must be http:// or https://");
    }

    @Test
    void options_putThePartnerPageOnTheNextPort_unlessToldOtherwise() {
        assertThat(HelpSiteDemo.Options.parse(new String[0]).partnerPortToUse()).isEqualTo(8081);
        assertThat(HelpSiteDemo.Options.parse(new String[] {"--port", "9090"}).partnerPortToUse())
                .isEqualTo(9091);
        assertThat(HelpSiteDemo.Options.parse(new String[] {"--port", "0"}).partnerPortToUse())
                .isZero();
        assertThat(HelpSiteDemo.Options.parse(new String[] {"--partner-port", "7000"})
                        .partnerPortToUse())
                .isEqualTo(7000);
        assertThatThrownBy(() -> HelpSiteDemo.Options.parse(new String[] {"--partner-port", "x"}))
                .hasMessageContaining("--partner-port takes a number");
        assertThatThrownBy(() -> HelpSiteDemo.Options.parse(new String[] {"--partner-port", "70000"}))
                .hasMessageContaining("--partner-port takes a number");
    }

    @Test
    void options_thatAreWrong_sayWhichOptionsExist() {
        assertThatThrownBy(() -> HelpSiteDemo.Options.parse(new String[] {"--prot", "1"}))
                .hasMessageContaining("unknown option '--prot'")
                .hasMessageContaining("--port N");
        assertThatThrownBy(() -> HelpSiteDemo.Options.parse(new String[] {"--port", "x"}))
                .hasMessageContaining("--port takes a number");
        assertThatThrownBy(() -> HelpSiteDemo.Options.parse(new String[] {"--port"}))
                .hasMessageContaining("'--port' needs a value");
    }
}
