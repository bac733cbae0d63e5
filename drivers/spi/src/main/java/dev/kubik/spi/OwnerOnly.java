package dev.kubik.spi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Files only their owner may read (private keys, state with secrets), on either kind of file system: mode 0600
 * where there are POSIX modes, an access list naming the owner alone where there are ACLs (Windows, NTFS). Asks
 * the file's own file system, not the default one, so a test can run this against a Windows-flavoured one.
 */
public final class OwnerOnly {
    /** Principals Windows' OpenSSH also lets read a private key: they can read every file anyway. */
    private static final Set<String> TRUSTED = Set.of("nt authority\\system", "system", "builtin\\administrators", "administrators");

    private OwnerOnly() {
    }

    /** Whether {@code dir}'s file system has POSIX modes (then a file can be created 0600 from its first byte). */
    public static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A new, empty file in {@code dir} that only its owner may read or write. */
    public static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        if (posix(dir)) {
            return Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Path file = Files.createTempFile(dir, prefix, suffix);
        restrict(file); // still empty: nothing could be read in between
        return file;
    }

    /** Makes {@code file} its owner's alone: 0600, or an ACL with one entry, the owner's, and nothing inherited. */
    public static void restrict(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) return; // FAT and the like: no permissions to keep
        UserPrincipal owner = acl.getOwner();
        acl.setAcl(List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build()));
    }

    /**
     * Who besides the owner may read {@code file}, as ssh would object to it ("group and others can read", or
     * the ACL entries that let another principal read), or empty when nobody may.
     */
    public static Optional<String> othersWhoCanRead(Path file) throws IOException {
        if (posix(file)) {
            Set<PosixFilePermission> modes = Files.getPosixFilePermissions(file);
            boolean others = modes.stream().anyMatch(m -> m.name().startsWith("GROUP") || m.name().startsWith("OTHERS"));
            return others ? Optional.of("its mode is " + PosixFilePermissions.toString(modes)) : Optional.empty();
        }
        AclFileAttributeView acl = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (acl == null) return Optional.empty();
        UserPrincipal owner = acl.getOwner();
        List<String> readers = acl.getAcl().stream()
                .filter(entry -> entry.type() == AclEntryType.ALLOW && entry.permissions().contains(AclEntryPermission.READ_DATA))
                .map(AclEntry::principal)
                .filter(principal -> !principal.equals(owner) && !TRUSTED.contains(principal.getName().toLowerCase(Locale.ROOT)))
                .map(UserPrincipal::getName).distinct().toList();
        return readers.isEmpty() ? Optional.empty() : Optional.of("its access list lets " + String.join(", ", readers) + " read it");
    }

    /** What a user runs to make {@code file} private, on the host's kind of file system. */
    public static String fix(Path file) {
        return posix(file) ? "chmod 600 " + file
                : "icacls \"" + file + "\" /inheritance:r /grant:r \"%USERNAME%:F\"";
    }
}
