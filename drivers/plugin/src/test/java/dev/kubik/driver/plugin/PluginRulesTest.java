package dev.kubik.driver.plugin;

import dev.kubik.spi.DriverException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The protocol's rules kubik enforces on its side: the fix trailer's encoding, and the calls' deadlines. */
class PluginRulesTest {
    @Test
    void aPercentEncodedFixIsDecodedAsUtf8AndALonePercentStays() {
        assertThat(FixTrailer.decode("install the caf%C3%A9 package")).isEqualTo("install the café package");
        assertThat(FixTrailer.decode("free 10% of the disk, then %25 is a percent")).isEqualTo("free 10% of the disk, then % is a percent");
        assertThat(FixTrailer.decode("start docker")).isEqualTo("start docker");
    }

    @Test
    void aFixThatIsNotPrintableAsciiIsRefusedWithTheRule() {
        // What grpc-java's ASCII marshaller makes of non-ASCII bytes, and a control character.
        assertThat(FixTrailer.decode("install the caf\uFFFD\uFFFD package")).isEqualTo(FixTrailer.REFUSED);
        assertThat(FixTrailer.decode("line one\nline two")).isEqualTo(FixTrailer.REFUSED);
        assertThat(FixTrailer.REFUSED).contains("percent-encode");
    }

    @Test
    void deadlinesAreShortForQuestionsLongForMachinesAndEachCanBeSet() {
        PluginDeadlines defaults = PluginDeadlines.parse(null);
        assertThat(defaults.of(PluginDeadlines.Rpc.STATUS)).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.of(PluginDeadlines.Rpc.CREATE)).isEqualTo(Duration.ofMinutes(15));

        PluginDeadlines set = PluginDeadlines.parse("Create=30m, Status=5s");
        assertThat(set.of(PluginDeadlines.Rpc.CREATE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(set.of(PluginDeadlines.Rpc.STATUS)).isEqualTo(Duration.ofSeconds(5));
        assertThat(set.of(PluginDeadlines.Rpc.START)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aBadDeadlineSettingNamesTheVariableAndWhatIsValid() {
        assertThatThrownBy(() -> PluginDeadlines.parse("Craete=30m")).isInstanceOf(DriverException.class)
                .hasMessage("KUBIK_PLUGIN_TIMEOUTS: 'Craete' is not a plugin call")
                .satisfies(e -> assertThat(((DriverException) e).fix()).contains("Create, Resize, Start"));
        assertThatThrownBy(() -> PluginDeadlines.parse("Create=soon")).isInstanceOf(DriverException.class)
                .hasMessage("KUBIK_PLUGIN_TIMEOUTS: 'soon' is not a duration: write it as 90s, 20m or 1h30m");
        assertThatThrownBy(() -> PluginDeadlines.parse("Create")).hasMessageContaining("'Create' has no duration");
    }

    @Test
    void aPluginIsToldWhereKubikCanConnectAndAUserMayOnlyNarrowIt() {
        // This test runs on Linux, where netty reaches unix sockets.
        assertThat(PluginProcess.transports(null)).isEqualTo("unix,tcp");
        assertThat(PluginProcess.transports("tcp")).isEqualTo("tcp");
        assertThat(PluginProcess.transports(" tcp , unix ")).isEqualTo("tcp,unix");
        assertThat(PluginProcess.transports("vsock")).as("nothing kubik can reach: its own list").isEqualTo("unix,tcp");
    }
}
