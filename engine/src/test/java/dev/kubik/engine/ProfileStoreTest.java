package dev.kubik.engine;

import dev.kubik.plan.ClusterState;
import dev.kubik.engine.kubeconfig.KubeconfigFile;
import dev.kubik.engine.state.ProfileStore;
import dev.kubik.engine.state.StateFileException;
import dev.kubik.spi.DriverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** State files: a format number, upgrades in place, refusals of newer formats and damaged files, named clearly. */
class ProfileStoreTest {
    private static final String FORMAT_0 = """
            {"profile":"dev","driver":"docker","runtime":"containerd","bootstrapper":"none","kubernetesVersion":"v1.34.0",
             "networkReady":true,"controlPlaneReady":false,"machines":[],"addons":[]}""";

    @Test
    void writesTheFormatAndTheKubikVersion(@TempDir Path dir) throws Exception {
        ProfileStore store = new ProfileStore(new KubikHome(dir));
        store.save(ClusterState.none("dev"));
        String json = Files.readString(dir.resolve("profiles/dev/state.json"));
        assertThat(json).contains("\"format\" : " + ProfileStore.FORMAT).contains("\"kubik\" : ");
        assertThat(store.state("dev")).contains(ClusterState.none("dev"));
    }

    @Test
    void anUnversionedFileIsUpgradedInPlace(@TempDir Path dir) throws Exception {
        Path file = write(dir, "state.json", FORMAT_0);
        ClusterState state = new ProfileStore(new KubikHome(dir)).state("dev").orElseThrow();
        assertThat(state.driver()).isEqualTo("docker");
        assertThat(state.networkReady()).isTrue();
        assertThat(Files.readString(file)).contains("\"format\" : " + ProfileStore.FORMAT).contains("\"driver\" : \"docker\"");
        assertThat(dir.resolve("profiles/dev")).isDirectoryNotContaining("glob:**.tmp*");
    }

    @Test
    void aNewerFormatIsRefusedNamingBothVersionsAndIsLeftAlone(@TempDir Path dir) throws Exception {
        String newer = "{\"format\": 7, \"kubik\": \"9.0.0\", " + FORMAT_0.substring(1);
        Path file = write(dir, "state.json", newer);
        assertThatThrownBy(() -> new ProfileStore(new KubikHome(dir)).state("dev"))
                .isInstanceOf(StateFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("written by kubik 9.0.0 in state format 7")
                .hasMessageContaining("knows formats up to " + ProfileStore.FORMAT)
                .satisfies(e -> assertThat(((DriverException) e).fix()).contains("kubik 9.0.0 or newer"));
        assertThat(Files.readString(file)).isEqualTo(newer);
    }

    @Test
    void aTruncatedOrDamagedFileIsNamedWithTheWayOutAndNotOverwritten(@TempDir Path dir) throws Exception {
        for (String damaged : List.of(FORMAT_0.substring(0, 60), "", "[1, 2]", "{\"profile\":\"dev\",\"machines\":\"x\"}")) {
            Path file = write(dir, "state.json", damaged);
            assertThatThrownBy(() -> new ProfileStore(new KubikHome(dir)).state("dev"))
                    .isInstanceOf(StateFileException.class)
                    .hasMessageStartingWith(file + " is damaged")
                    .satisfies(e -> assertThat(((DriverException) e).fix()).contains("kubik delete dev"));
            assertThat(Files.readString(file)).isEqualTo(damaged);
        }
        write(dir, "config.json", "{\"name\":");
        assertThatThrownBy(() -> new ProfileStore(new KubikHome(dir)).spec("dev"))
                .hasMessageContaining("config.json is damaged");
    }

    @Test
    void aMissingPinnedHostKeyIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> new ProfileStore(new KubikHome(dir)).requireHostKey("dev", "dev-m02"))
                .isInstanceOf(StateFileException.class)
                .hasMessageContaining(dir.resolve("profiles/dev/machines/dev-m02/host_key.pub") + " is missing")
                .satisfies(e -> assertThat(((DriverException) e).fix()).contains("kubik delete dev"));
    }

    @Test
    void aKubeconfigThatIsNotYamlIsNamedAndLeftAsItIs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config");
        String broken = "apiVersion: v1\nclusters: [\n  - name: {\n";
        Files.writeString(file, broken);
        assertThatThrownBy(() -> new KubeconfigFile(file).upsert(new KubeconfigFile.Entry("dev", "https://127.0.0.1:1", new byte[0], new byte[0], new byte[0]), false, "test"))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining(file + " is not valid YAML (line ")
                .satisfies(e -> assertThat(((DriverException) e).fix()).contains("move it aside"));
        assertThat(Files.readString(file)).isEqualTo(broken);
    }

    private static Path write(Path home, String name, String content) throws Exception {
        Path file = home.resolve("profiles/dev/" + name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
