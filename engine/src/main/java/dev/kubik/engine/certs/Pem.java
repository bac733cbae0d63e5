package dev.kubik.engine.certs;

import dev.kubik.engine.state.AtomicFiles;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/** PEM files, read and written with BouncyCastle; private keys 0600. */
final class Pem {
    private Pem() {
    }

    static String encode(Object object) {
        try (StringWriter text = new StringWriter(); JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
            writer.flush();
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeCertificate(Path file, X509CertificateHolder certificate) {
        AtomicFiles.write(file, encode(certificate).getBytes(StandardCharsets.US_ASCII));
    }

    static void writePrivateKey(Path file, PrivateKey key) {
        AtomicFiles.writePrivate(file, encode(key).getBytes(StandardCharsets.US_ASCII));
    }

    static void writePublicKey(Path file, PublicKey key) {
        AtomicFiles.write(file, encode(key).getBytes(StandardCharsets.US_ASCII));
    }

    static X509CertificateHolder readCertificate(Path file) {
        return (X509CertificateHolder) read(file);
    }

    static KeyPair readKeyPair(Path file) {
        Object object = read(file);
        try {
            return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(Path file) {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
            return parser.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
