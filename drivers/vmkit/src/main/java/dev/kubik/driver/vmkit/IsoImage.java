package dev.kubik.driver.vmkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads files out of an ISO 9660 image, as VM drivers need the node ISO's /boot/bzimage and /boot/initrd to boot
 * with -kernel/-initrd (much faster than through the emulated CD). Only the primary volume's directory tree is read:
 * names compare case-insensitively without the ";1" version and a trailing dot, which is how ISO 9660 level 1 stores
 * "bzimage" ("BZIMAGE.;1"). A reader of ~100 lines was preferred to a library: the Java ISO readers on Maven
 * Central (loopy-iso9660, the last release in 2014, and its forks) are unmaintained and bring a logging stack for this.
 */
public final class IsoImage implements AutoCloseable {
    private static final int SECTOR = 2048;
    private final FileChannel channel;
    private final Path path;
    private final Entry root;
    private final String volumeId;

    /** A file or directory: where its data starts and how long it is. */
    public record Entry(String name, long extent, long size, boolean directory) {
    }

    private IsoImage(Path path, FileChannel channel, Entry root, String volumeId) {
        this.path = path;
        this.channel = channel;
        this.root = root;
        this.volumeId = volumeId;
    }

    public static IsoImage open(Path iso) throws IOException {
        FileChannel channel = FileChannel.open(iso, StandardOpenOption.READ);
        try {
            ByteBuffer descriptor = read(channel, 16L * SECTOR, SECTOR);
            String id = new String(descriptor.array(), 1, 5, StandardCharsets.US_ASCII);
            if (descriptor.get(0) != 1 || !id.equals("CD001")) {
                throw new IOException(iso + " is not an ISO 9660 image (no primary volume descriptor at sector 16)");
            }
            String volumeId = new String(descriptor.array(), 40, 32, StandardCharsets.US_ASCII).strip();
            Entry root = record(descriptor.position(156).slice().order(ByteOrder.LITTLE_ENDIAN));
            return new IsoImage(iso, channel, root, volumeId);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The volume label ({@code xorriso -V}): KUBIK for kubik's node ISO, minikube's says Minikube. */
    public String volumeId() {
        return volumeId;
    }

    /** The entry at a path such as {@code /boot/bzimage}. */
    public Optional<Entry> find(String file) throws IOException {
        Entry current = root;
        for (String part : file.replaceFirst("^/", "").split("/")) {
            if (!current.directory()) return Optional.empty();
            Optional<Entry> next = list(current).stream().filter(e -> e.name().equals(normalize(part))).findFirst();
            if (next.isEmpty()) return Optional.empty();
            current = next.get();
        }
        return Optional.of(current);
    }

    /** Copies a file of the image to {@code target}; fails naming the image when it has no such file. */
    public void extract(String file, Path target) throws IOException {
        Entry entry = find(file).filter(e -> !e.directory())
                .orElseThrow(() -> new IOException(path + " has no " + file + " (is it a kubik or minikube node ISO?)"));
        // A name of its own: two kubiks extracting the same ISO at once must not write into one file.
        Path partial = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName().toString(), ".partial");
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = 0;
            while (done < entry.size()) {
                done += channel.transferTo(entry.extent() * SECTOR + done, entry.size() - done, out);
            }
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public List<Entry> list(Entry directory) throws IOException {
        ByteBuffer data = read(channel, directory.extent() * SECTOR, Math.toIntExact(directory.size()))
                .order(ByteOrder.LITTLE_ENDIAN);
        List<Entry> entries = new ArrayList<>();
        int offset = 0;
        while (offset < data.limit()) {
            int length = Byte.toUnsignedInt(data.get(offset));
            if (length == 0) { // records never cross a sector: the rest of this one is padding
                offset = (offset / SECTOR + 1) * SECTOR;
                continue;
            }
            Entry entry = record(data.position(offset).slice().order(ByteOrder.LITTLE_ENDIAN));
            if (!entry.name().equals("\0") && !entry.name().equals("\1")) entries.add(entry); // "." and ".."
            offset += length;
        }
        return entries;
    }

    private static Entry record(ByteBuffer r) {
        long extent = Integer.toUnsignedLong(r.getInt(2));
        long size = Integer.toUnsignedLong(r.getInt(10));
        boolean directory = (r.get(25) & 0x02) != 0;
        int nameLength = Byte.toUnsignedInt(r.get(32));
        byte[] name = new byte[nameLength];
        r.get(33, name);
        String raw = new String(name, StandardCharsets.US_ASCII);
        return new Entry(nameLength == 1 && name[0] <= 1 ? raw : normalize(raw), extent, size, directory);
    }

    private static String normalize(String name) {
        String plain = name.replaceFirst(";\\d+$", "");
        if (plain.endsWith(".")) plain = plain.substring(0, plain.length() - 1);
        return plain.toLowerCase(Locale.ROOT);
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) throw new IOException("the image ends early");
        }
        return buffer.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
