package dev.kubik.spi;

import java.time.Duration;
import java.util.List;

/**
 * What kubik leaves on a host it adopted, kept on the host itself so it can be undone: each file kubik writes is
 * listed (its original saved first, if there was one) and each package it installs is listed. Releasing the host
 * restores the originals, removes the rest and purges the packages; the host is otherwise left as it was.
 */
public final class HostFootprint {
    public static final String DIR = "/var/lib/kubik";
    public static final String WRITTEN = DIR + "/written";
    public static final String ORIGINALS = DIR + "/originals";
    public static final String PACKAGES = DIR + "/packages";

    /** Notes {@code $1} as written by kubik, saving what was there, the first time only. Runs as root. */
    private static final String BEFORE_WRITE = "f=$1; grep -qxF \"$f\" " + WRITTEN + " 2>/dev/null && exit 0; "
            + "mkdir -p " + ORIGINALS + "\"$(dirname \"$f\")\" && { [ ! -e \"$f\" ] || cp -a \"$f\" " + ORIGINALS + "\"$f\"; } "
            + "&& echo \"$f\" >> " + WRITTEN;

    /** Undoes the footprint; fixed text: the paths come from kubik's own lists on the host. Runs as root. */
    private static final String RELEASE = "[ -d " + DIR + " ] || exit 0; "
            // Services whose units kubik wrote stop before their units go.
            + "if [ -f " + WRITTEN + " ]; then while IFS= read -r f; do case \"$f\" in */systemd/system/*.service) "
            + "systemctl disable --now \"$(basename \"$f\")\" >/dev/null 2>&1;; esac; done < " + WRITTEN + "; fi; "
            + "restart=; if [ -f " + WRITTEN + " ]; then while IFS= read -r f; do "
            + "if [ -e " + ORIGINALS + "\"$f\" ]; then cp -a " + ORIGINALS + "\"$f\" \"$f\"; else rm -f \"$f\"; fi; "
            // A runtime that stays (the host's own) runs on with its own configuration again.
            + "case \"$f\" in /etc/containerd/*) restart=\"$restart containerd\";; /etc/crio/*) restart=\"$restart crio\";; "
            + "/etc/docker/*) restart=\"$restart docker\";; esac; done < " + WRITTEN + "; fi; "
            + "if [ -s " + PACKAGES + " ]; then "
            + "if command -v apt-get >/dev/null; then DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq $(cat " + PACKAGES + ") >/dev/null; "
            + "elif command -v dnf >/dev/null; then dnf remove -y -q $(cat " + PACKAGES + ") >/dev/null; fi; fi; "
            + "systemctl daemon-reload 2>/dev/null; [ -z \"$restart\" ] || systemctl try-restart $restart 2>/dev/null; rm -rf " + DIR;

    private HostFootprint() {
    }

    /** A runner whose file writes are recorded first, for machines that are hosts kubik adopted. */
    public static CommandRunner recording(CommandRunner runner) {
        return new CommandRunner() {
            @Override
            public CommandResult run(List<String> argv, Duration timeout) {
                return runner.run(argv, timeout);
            }

            @Override
            public CommandResult run(List<String> argv, java.io.InputStream input, Duration timeout) {
                return runner.run(argv, input, timeout);
            }

            @Override
            public void writeFile(String path, byte[] content, int mode) {
                CommandResult noted = runner.run(List.of("sudo", "sh", "-c", BEFORE_WRITE, "sh", path), Duration.ofSeconds(30));
                if (!noted.ok()) {
                    throw new DriverException("could not record " + path + " before writing it: " + noted.stderr().strip(), null);
                }
                runner.writeFile(path, content, mode);
            }
        };
    }

    /** Records a package kubik installed, so releasing the host removes it. */
    public static List<String> notePackage(String name) {
        return List.of("sudo", "sh", "-c", "mkdir -p " + DIR + " && echo \"$1\" >> " + PACKAGES, "sh", name);
    }

    /** Restores what kubik overwrote, removes what it added, purges what it installed. */
    public static CommandResult release(CommandRunner runner) {
        return runner.run(List.of("sudo", "sh", "-c", RELEASE), Duration.ofMinutes(5));
    }
}
