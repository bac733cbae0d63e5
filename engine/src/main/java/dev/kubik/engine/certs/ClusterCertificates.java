package dev.kubik.engine.certs;

import dev.kubik.engine.KubikHome;
import dev.kubik.engine.state.ProfileLock;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The certificates a cluster needs, made on the host like minikube does, so kubeadm reuses them: a CA and a
 * front-proxy CA shared by all profiles ({@code ~/.kubik/certs}), and per profile the API server's serving
 * certificate, the user's client certificate (O=system:masters), the front-proxy client certificate and the
 * service-account key pair. The serving certificate is made again whenever its set of names changes.
 */
public final class ClusterCertificates {
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration LEAF_LIFETIME = Duration.ofDays(3 * 365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubikHome home;

    public ClusterCertificates(KubikHome home) {
        this.home = home;
    }

    public Path caDir() {
        return home.root().resolve("certs");
    }

    /** A profile's certificate directory, laid out as kubeadm's {@code certificatesDir} expects. */
    public Path profileDir(String profile) {
        return home.profile(profile).resolve("certs");
    }

    /**
     * The names and addresses the API server must answer to: every control-plane IP, 127.0.0.1, localhost, the
     * control-plane alias, the first service IP, the kubernetes service names, and the host name users reach it by.
     */
    public static Set<String> apiServerNames(List<String> controlPlaneIps, String serviceSubnet, String dnsDomain, String alias) {
        Set<String> names = new TreeSet<>(controlPlaneIps);
        names.addAll(List.of("127.0.0.1", "localhost", alias, firstAddress(serviceSubnet), "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc." + dnsDomain));
        return names;
    }

    /** The first host address of an IPv4 CIDR: 10.96.0.0/12 → 10.96.0.1, the kubernetes service's address. */
    static String firstAddress(String cidr) {
        String base = cidr.substring(0, cidr.indexOf('/'));
        String[] octets = base.split("\\.");
        long address = 0;
        for (String octet : octets) address = (address << 8) | Integer.parseInt(octet);
        address++;
        return ((address >> 24) & 255) + "." + ((address >> 16) & 255) + "." + ((address >> 8) & 255) + "." + (address & 255);
    }

    /**
     * Makes whatever is missing or stale; returns true when the serving certificate was (re)made. Safe across
     * processes: the shared CAs are created under a lock.
     */
    public boolean ensure(String profile, Set<String> apiServerNames) {
        try (ProfileLock ignored = ProfileLock.acquire(caDir(), "certificates", Duration.ofMinutes(1), message -> { })) {
            Signer ca = authority(caDir().resolve("ca"), "kubikCA");
            Signer frontProxyCa = authority(caDir().resolve("front-proxy-ca"), "kubikFrontProxyCA");
            Path dir = profileDir(profile);
            Files.createDirectories(dir);
            copy(caDir().resolve("ca.crt"), dir.resolve("ca.crt"));
            copy(caDir().resolve("ca.key"), dir.resolve("ca.key"));
            copy(caDir().resolve("front-proxy-ca.crt"), dir.resolve("front-proxy-ca.crt"));
            copy(caDir().resolve("front-proxy-ca.key"), dir.resolve("front-proxy-ca.key"));
            if (!Files.exists(dir.resolve("client.crt"))) {
                leaf(ca, dir.resolve("client"), name("kubik-user", "system:masters"), Set.of(), KeyPurposeId.id_kp_clientAuth);
            }
            if (!Files.exists(dir.resolve("front-proxy-client.crt"))) {
                leaf(frontProxyCa, dir.resolve("front-proxy-client"), name("front-proxy-client", null), Set.of(), KeyPurposeId.id_kp_clientAuth);
            }
            if (!Files.exists(dir.resolve("sa.key"))) {
                KeyPair sa = rsa();
                Pem.writePrivateKey(dir.resolve("sa.key"), sa.getPrivate());
                Pem.writePublicKey(dir.resolve("sa.pub"), sa.getPublic());
            }
            Path names = dir.resolve("apiserver.names");
            String wanted = String.join("\n", new TreeSet<>(apiServerNames)) + "\n";
            if (Files.exists(dir.resolve("apiserver.crt")) && Files.exists(names) && Files.readString(names).equals(wanted)) {
                return false;
            }
            leaf(ca, dir.resolve("apiserver"), name("kube-apiserver", null), apiServerNames, KeyPurposeId.id_kp_serverAuth);
            Files.writeString(names, wanted);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Signer(X509CertificateHolder certificate, KeyPair keys) {
    }

    /**
     * What docker's TLS needs for one node's dockerd (minikube's docker-env): {@code clientDir} is a DOCKER_CERT_PATH
     * (the CA as ca.pem, a client certificate as cert.pem and key.pem), and the node's serving certificate for
     * {@code names}, made again when they change.
     */
    public record DockerTls(Path clientDir, byte[] ca, byte[] serverCertificate, byte[] serverKey) {
    }

    public DockerTls docker(String profile, String node, Set<String> names) {
        try (ProfileLock ignored = ProfileLock.acquire(caDir(), "certificates", Duration.ofMinutes(1), message -> { })) {
            Signer ca = authority(caDir().resolve("ca"), "kubikCA");
            Path dir = profileDir(profile).resolve("docker");
            Files.createDirectories(dir);
            copy(caDir().resolve("ca.crt"), dir.resolve("ca.pem"));
            if (!Files.exists(dir.resolve("cert.pem"))) {
                leaf(ca, dir.resolve("cert.pem"), dir.resolve("key.pem"), name("kubik-docker-client", null), Set.of(), KeyPurposeId.id_kp_clientAuth);
            }
            Path server = dir.resolve(node + "-server.crt");
            Path serverKey = dir.resolve(node + "-server.key");
            Path named = dir.resolve(node + "-server.names");
            String wanted = String.join("\n", new TreeSet<>(names)) + "\n";
            if (!Files.exists(server) || !Files.exists(named) || !Files.readString(named).equals(wanted)) {
                leaf(ca, server, serverKey, name(node, null), names, KeyPurposeId.id_kp_serverAuth);
                Files.writeString(named, wanted);
            }
            return new DockerTls(dir, Files.readAllBytes(dir.resolve("ca.pem")), Files.readAllBytes(server), Files.readAllBytes(serverKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static Signer authority(Path base, String commonName) {
        Path crt = base.resolveSibling(base.getFileName() + ".crt");
        Path key = base.resolveSibling(base.getFileName() + ".key");
        if (Files.exists(crt) && Files.exists(key)) return new Signer(Pem.readCertificate(crt), Pem.readKeyPair(key));
        KeyPair keys = rsa();
        X500Name subject = name(commonName, null);
        X509CertificateHolder certificate = build(subject, keys, subject, keys, CA_LIFETIME, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        });
        Pem.writePrivateKey(key, keys.getPrivate());
        Pem.writeCertificate(crt, certificate);
        return new Signer(certificate, keys);
    }

    private static void leaf(Signer ca, Path base, X500Name subject, Set<String> names, KeyPurposeId purpose) {
        leaf(ca, base.resolveSibling(base.getFileName() + ".crt"), base.resolveSibling(base.getFileName() + ".key"), subject, names, purpose);
    }

    private static void leaf(Signer ca, Path crt, Path key, X500Name subject, Set<String> names, KeyPurposeId purpose) {
        KeyPair keys = rsa();
        X509CertificateHolder certificate = build(subject, keys, ca.certificate().getSubject(), ca.keys(), LEAF_LIFETIME, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (!names.isEmpty()) {
                GeneralName[] alternatives = names.stream().map(n -> n.matches("[0-9.]+") ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
            }
        });
        Pem.writePrivateKey(key, keys.getPrivate());
        Pem.writeCertificate(crt, certificate);
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException;
    }

    private static X509CertificateHolder build(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                               Duration lifetime, Extensions extensions) {
        try {
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(lifetime)), subject, subjectKeys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            extensions.add(builder);
            return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate()));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static X500Name name(String commonName, String organisation) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        if (organisation != null) builder.addRDN(BCStyle.O, organisation);
        builder.addRDN(BCStyle.CN, commonName);
        return builder.build();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (from.toString().endsWith(".key")) {
            dev.kubik.engine.state.AtomicFiles.writePrivate(to, Files.readAllBytes(from));
        } else {
            dev.kubik.engine.state.AtomicFiles.write(to, Files.readAllBytes(from));
        }
    }
}
