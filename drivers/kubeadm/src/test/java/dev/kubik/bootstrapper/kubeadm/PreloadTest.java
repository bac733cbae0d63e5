package dev.kubik.bootstrapper.kubeadm;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreloadTest {

    static Path tarball(Path dir, Map<String, String> files) throws Exception {
        Path file = dir.resolve("preloaded-images.tar.lz4");
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new FramedLZ4CompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (var entry : files.entrySet()) {
                byte[] content = entry.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry tarEntry = new TarArchiveEntry(entry.getKey());
                tarEntry.setSize(content.length);
                tar.putArchiveEntry(tarEntry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    @Test
    void extractsAnLz4FramedTarball(@TempDir Path dir) throws Exception {
        Path tarball = tarball(dir, Map.of("lib/containerd/io.containerd.content.v1.content/blobs/sha256/abc", "layer",
                "lib/kubik/binaries/v1.34.0/kubelet", "#!/bin/sh\n"));

        int files = Preload.extract(tarball, dir.resolve("var"));

        assertThat(files).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("var/lib/kubik/binaries/v1.34.0/kubelet"))).isEqualTo("#!/bin/sh\n");
    }

    @Test
    void refusesEntriesThatEscapeTheTarget(@TempDir Path dir) throws Exception {
        Path tarball = tarball(dir, Map.of("../../etc/evil", "x"));
        assertThatThrownBy(() -> Preload.extract(tarball, dir.resolve("var"))).hasMessageContaining("outside");
        assertThat(dir.resolve("etc/evil")).doesNotExist();
    }
}
