package dev.kubik.engine.windows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.kubik.engine.KubikHome;
import dev.kubik.engine.certs.ClusterCertificates;
import dev.kubik.engine.kubeconfig.KubeconfigFile;
import dev.kubik.engine.ssh.SshKeys;
import dev.kubik.engine.state.CurrentProfile;
import dev.kubik.engine.state.ProfileLock;
import dev.kubik.engine.state.ProfileStore;
import dev.kubik.plan.ClusterState;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.OwnerOnly;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's files as on Windows: a file system with Windows' paths (C:\Users\…, '\' separators, case-blind
 * names) and ACLs instead of POSIX modes, with the host taken as Windows where the engine asks. Private files
 * (SSH keys, CA and client keys) get an access list naming their owner alone; state, profiles, locks and the
 * kubeconfig work in such paths. What this cannot show, only a real Windows can: NTFS's inheritance of a
 * parent's entries, and that the JDK's Windows provider applies the list as jimfs does.
 */
class WindowsFilesTest {
    private FileSystem fs;
    private Path userHome;
    private KubikHome home;

    @BeforeEach
    void windows() throws Exception {
        fs = Jimfs.newFileSystem(Configuration.windows().toBuilder().setRoots("C:\\", "D:\\")
                .setAttributeViews("basic", "owner", "dos", "acl", "user").build());
        userHome = fs.getPath("C:\\Users\\Ada Lovelace");
        Files.createDirectories(userHome);
        home = new KubikHome(userHome.resolve(".kubik"));
    }

    @AfterEach
    void close() throws Exception {
        fs.close();
    }

    @Test
    void theSshKeyIsTheOwnersAloneAndOthersWhoCouldReadItAreNamed() throws Exception {
        Path dir = home.profile("dev");
        String publicLine = SshKeys.ensure(dir, "kubik-dev");
        Path key = dir.resolve(SshKeys.PRIVATE);

        assertThat(publicLine).startsWith("ssh-ed25519 ");
        assertThat(key.toString()).isEqualTo("C:\\Users\\Ada Lovelace\\.kubik\\profiles\\dev\\id_ed25519");
        assertOwnerOnly(key);
        assertThat(OwnerOnly.othersWhoCanRead(key)).isEmpty();
        assertThat(SshKeys.ensure(dir, "kubik-dev")).isEqualTo(publicLine); // kept, not made again

        grantRead(key, "Everyone");
        assertThat(OwnerOnly.othersWhoCanRead(key)).contains("its access list lets Everyone read it");
        assertThat(OwnerOnly.fix(key)).isEqualTo("icacls \"" + key + "\" /inheritance:r /grant:r \"%USERNAME%:F\"");
    }

    @Test
    void systemAndAdministratorsReadingAKeyIsNotAComplaintAsWithWindowsOpenSsh() throws Exception {
        Path key = userHome.resolve("id_ed25519");
        Files.writeString(key, "key");
        OwnerOnly.restrict(key);
        grantRead(key, "NT AUTHORITY\\SYSTEM");
        grantRead(key, "BUILTIN\\Administrators");
        assertThat(OwnerOnly.othersWhoCanRead(key)).isEmpty();
    }

    @Test
    void everyCertificateKeyIsPrivateAndEveryCertificateIsNot() throws Exception {
        new ClusterCertificates(home).ensure("dev", Set.of("127.0.0.1", "localhost"));
        List<Path> files;
        try (Stream<Path> all = Files.walk(home.root())) {
            files = all.filter(Files::isRegularFile).toList();
        }
        List<Path> keys = files.stream().filter(f -> f.getFileName().toString().endsWith(".key")).toList();

        assertThat(keys).extracting(f -> home.root().relativize(f).toString())
                .contains("certs\\ca.key", "profiles\\dev\\certs\\ca.key", "profiles\\dev\\certs\\client.key",
                        "profiles\\dev\\certs\\sa.key", "profiles\\dev\\certs\\apiserver.key");
        for (Path key : keys) assertOwnerOnly(key);
        assertThat(files).filteredOn(f -> f.toString().endsWith(".crt")).isNotEmpty()
                .allSatisfy(crt -> assertThat(acl(crt).getAcl()).isEmpty()); // left to the directory's defaults
        assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void stateProfilesAndHostKeysRoundTripInWindowsPaths() {
        ProfileStore store = new ProfileStore(home);
        store.save(ClusterState.none("dev"));
        store.pinHostKey("dev", "dev-m02", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE");
        new CurrentProfile(home).set("dev");

        assertThat(store.state("dev")).contains(ClusterState.none("dev"));
        assertThat(store.profiles()).containsExactly("dev");
        assertThat(store.hostKey("dev", "dev-m02")).contains("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLE");
        assertThat(new CurrentProfile(home).get()).contains("dev");
        assertThat(Files.isRegularFile(userHome.resolve(".kubik\\profiles\\dev\\state.json"))).isTrue();

        store.delete("dev");
        assertThat(store.profiles()).isEmpty();
    }

    @Test
    void aProfileLockIsTakenAndGivenBackInAWindowsPath() throws Exception {
        // jimfs grants every lock, so contention needs a real file system (Windows' locks are mandatory); this shows the
        // lock file's place and that taking the lock again after closing works.
        try (ProfileLock held = ProfileLock.acquire(home.profile("dev"), "dev", Duration.ofSeconds(5), message -> { })) {
            assertThat(Files.exists(userHome.resolve(".kubik\\profiles\\dev\\.lock"))).isTrue();
        }
        ProfileLock.acquire(home.profile("dev"), "dev", Duration.ofSeconds(1), message -> { }).close();
    }

    @Test
    void kubeconfigIsFoundAsKubectlFindsItOnWindowsAndWrittenThere() throws Exception {
        assertThat(KubeconfigFile.locate(HostOs.WINDOWS, null, userHome).path().toString())
                .isEqualTo("C:\\Users\\Ada Lovelace\\.kube\\config");
        // ';' separates KUBECONFIG's paths on Windows: ':' is part of "C:\…" and must not split it.
        KubeconfigFile file = KubeconfigFile.locate(HostOs.WINDOWS, "D:\\kube\\lab.yaml;C:\\Users\\Ada Lovelace\\.kube\\config", userHome);
        assertThat(file.path().toString()).isEqualTo("D:\\kube\\lab.yaml");
        assertThat(KubeconfigFile.locate(HostOs.LINUX, "C:\\a.yaml:C:\\b.yaml", userHome).path().toString())
                .as("elsewhere ':' separates").isEqualTo("C");

        byte[] pem = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n".getBytes();
        file.upsert(new KubeconfigFile.Entry("dev", "https://127.0.0.1:32771", pem, pem, pem), false, "test");
        assertThat(Files.readString(fs.getPath("D:\\kube\\lab.yaml"))).contains("current-context: dev").contains("server: https://127.0.0.1:32771");
        assertOwnerOnly(fs.getPath("D:\\kube\\lab.yaml")); // it holds the client key
    }

    private AclFileAttributeView acl(Path file) {
        return Files.getFileAttributeView(file, AclFileAttributeView.class);
    }

    private void assertOwnerOnly(Path file) throws Exception {
        AclFileAttributeView view = acl(file);
        UserPrincipal owner = view.getOwner();
        assertThat(view.getAcl()).as("the access list of " + file).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(AclEntryType.ALLOW);
            assertThat(entry.principal()).isEqualTo(owner);
            assertThat(entry.permissions()).contains(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA);
        });
    }

    private void grantRead(Path file, String principal) throws Exception {
        UserPrincipal who = fs.getUserPrincipalLookupService().lookupPrincipalByName(principal);
        List<AclEntry> entries = new ArrayList<>(acl(file).getAcl());
        entries.add(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(who)
                .setPermissions(AclEntryPermission.READ_DATA, AclEntryPermission.READ_ATTRIBUTES).build());
        acl(file).setAcl(entries);
    }
}
