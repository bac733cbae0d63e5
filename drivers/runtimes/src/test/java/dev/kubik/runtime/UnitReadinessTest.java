package dev.kubik.runtime;

import dev.kubik.runtime.UnitReadiness.Verdict;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** systemctl show's answers as systemd 252 prints them, and what each says of a runtime. */
class UnitReadinessTest {
    static String unit(String type, String active, String fileState) {
        return "Type=" + type + "\nLoadState=loaded\nActiveState=" + active + "\nUnitFileState=" + fileState + "\n";
    }

    static final String NOT_FOUND = "Type=\nLoadState=not-found\nActiveState=inactive\nUnitFileState=\n";

    @Test
    void aNotifyUnitThatIsActiveAndEnabledIsReady() {
        assertThat(verdict(new Containerd(), unit("notify", "active", "enabled"))).isEqualTo(Verdict.READY);
        assertThat(verdict(new Containerd(), unit("notify", "active", "static"))).isEqualTo(Verdict.READY);
    }

    @Test
    void aUnitStillStartingStoppedOrDisabledIsNotReady() {
        assertThat(verdict(new Containerd(), unit("notify", "activating", "enabled"))).isEqualTo(Verdict.NOT_READY);
        assertThat(verdict(new Containerd(), unit("notify", "failed", "enabled"))).isEqualTo(Verdict.NOT_READY);
        assertThat(verdict(new Containerd(), unit("notify", "active", "disabled"))).isEqualTo(Verdict.NOT_READY);
        assertThat(verdict(new Containerd(), unit("notify", "active", "masked"))).isEqualTo(Verdict.NOT_READY);
        assertThat(verdict(new Containerd(), NOT_FOUND)).isEqualTo(Verdict.NOT_READY);
    }

    @Test
    void systemdCannotTellForAUnitThatIsNotNotifyOrWithoutABus() {
        // Active means the process runs, not that it serves: the daemon is asked.
        assertThat(verdict(new Containerd(), unit("simple", "active", "enabled"))).isEqualTo(Verdict.ASK_THE_DAEMON);
        assertThat(verdict(new Containerd(), unit("forking", "active", "enabled"))).isEqualTo(Verdict.ASK_THE_DAEMON);
        assertThat(verdict(new Containerd(), "")).isEqualTo(Verdict.ASK_THE_DAEMON);
        assertThat(verdict(new Containerd(), "Type=notify\n")).isEqualTo(Verdict.ASK_THE_DAEMON);

        RecordedRunner noBus = new RecordedRunner(new CommandResult(1, "", "Failed to connect to bus: No such file or directory\n"));
        assertThat(UnitReadiness.of(new Containerd(), noBus)).isEqualTo(Verdict.ASK_THE_DAEMON);
    }

    @Test
    void dockerNeedsBothItsDaemonsServingAndTheCriUnitEnabled() {
        DockerEngine docker = new DockerEngine();
        assertThat(UnitReadiness.units(docker)).containsExactly("docker", "cri-docker");
        String both = unit("notify", "active", "enabled") + "\n" + unit("notify", "active", "enabled");
        assertThat(verdict(docker, both)).isEqualTo(Verdict.READY);
        // dockerd's own unit need not be enabled (cri-docker pulls it in); the CRI unit must be.
        assertThat(verdict(docker, unit("notify", "active", "disabled") + "\n" + unit("notify", "active", "enabled"))).isEqualTo(Verdict.READY);
        assertThat(verdict(docker, unit("notify", "active", "enabled") + "\n" + unit("notify", "active", "disabled"))).isEqualTo(Verdict.NOT_READY);
        assertThat(verdict(docker, unit("notify", "activating", "enabled") + "\n" + unit("notify", "active", "enabled"))).isEqualTo(Verdict.NOT_READY);
        assertThat(verdict(docker, unit("notify", "active", "enabled"))).isEqualTo(Verdict.ASK_THE_DAEMON); // one block for two units
    }

    @Test
    void theQuestionNeedsNoRootAndNamesEveryUnit() {
        RecordedRunner node = new RecordedRunner(new CommandResult(0, unit("notify", "active", "enabled"), ""));
        assertThat(UnitReadiness.of(new CriO(), node)).isEqualTo(Verdict.READY);
        assertThat(node.asked).containsExactly(List.of("systemctl", "show", "--property=LoadState,Type,ActiveState,UnitFileState", "crio"));
    }

    private static Verdict verdict(ContainerRuntime runtime, String shown) {
        return UnitReadiness.verdict(runtime.unit(), UnitReadiness.units(runtime), shown);
    }

    private static final class RecordedRunner implements CommandRunner {
        final List<List<String>> asked = new ArrayList<>();
        final CommandResult answer;

        RecordedRunner(CommandResult answer) {
            this.answer = answer;
        }

        @Override
        public CommandResult run(List<String> argv, Duration timeout) {
            asked.add(argv);
            return answer;
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
            throw new UnsupportedOperationException();
        }
    }
}
