package dev.kubik.engine.certs;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

/**
 * TLS as kubectl speaks it to a cluster's API server: the server's certificate must chain to the cluster's CA
 * (and name the address, which the JDK checks), and kubik shows the profile's client certificate.
 */
public final class ClientTls {
    private ClientTls() {
    }

    /** A context trusting only {@code ca} and presenting {@code certificate} with its {@code key} (PEM files). */
    public static SSLContext context(Path ca, Path certificate, Path key) {
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            X509Certificate caCert = converter.getCertificate(Pem.readCertificate(ca));
            X509Certificate clientCert = converter.getCertificate(Pem.readCertificate(certificate));
            char[] password = new char[0];
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", caCert);
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("client", Pem.readKeyPair(key).getPrivate(), password, new X509Certificate[]{clientCert});
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS from " + ca.getParent() + ": " + e.getMessage(), e);
        }
    }
}
