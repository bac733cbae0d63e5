package dev.kubik.engine;

import dev.kubik.engine.kubeconfig.KubeconfigFile;

import java.nio.file.Path;

/** A separate process adding one profile to a kubeconfig, for the concurrency test. */
public final class KubeconfigWriter {
    public static void main(String[] args) {
        byte[] pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes();
        new KubeconfigFile(Path.of(args[0])).upsert(new KubeconfigFile.Entry(args[1], "https://127.0.0.1:" + args[2], pem, pem, pem),
                false, "test");
    }
}
