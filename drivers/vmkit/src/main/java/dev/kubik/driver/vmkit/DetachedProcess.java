package dev.kubik.driver.vmkit;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.Pause;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Starts a hypervisor process that outlives kubik: in a process group of its own (so a Ctrl-C at kubik's terminal,
 * which signals kubik's group, does not reach it), stdin from /dev/null, stdout and stderr appended to a log.
 * macOS has no {@code setsid} command, so this calls {@code posix_spawnp} with {@code POSIX_SPAWN_SETPGROUP}
 * through JNA, on Linux as on macOS (the same code is exercised here).
 */
public final class DetachedProcess {
    private static final short POSIX_SPAWN_SETPGROUP = 0x02;
    private static final int WNOHANG = 1;

    /** The few libc calls needed; the opaque spawn types are given generous room (glibc's attr is 336 bytes). */
    interface LibC extends Library {
        LibC INSTANCE = Native.load(Platform.C_LIBRARY_NAME, LibC.class);

        int posix_spawnattr_init(Pointer attr);

        int posix_spawnattr_setflags(Pointer attr, short flags);

        int posix_spawnattr_setpgroup(Pointer attr, int pgroup);

        int posix_spawnattr_destroy(Pointer attr);

        int posix_spawn_file_actions_init(Pointer actions);

        int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int flags, int mode);

        int posix_spawn_file_actions_destroy(Pointer actions);

        int posix_spawnp(IntByReference pid, String file, Pointer actions, Pointer attr, StringArray argv, StringArray envp);

        int waitpid(int pid, Pointer status, int options);

        int getpgid(int pid);
    }

    private DetachedProcess() {
    }

    /** Spawns {@code argv} detached, with kubik's environment plus {@code env}; returns its pid. */
    public static long spawn(List<String> argv, Map<String, String> env, Path log) {
        LibC libc = LibC.INSTANCE;
        Memory attr = new Memory(1024);
        Memory actions = new Memory(1024);
        attr.clear();
        actions.clear();
        check(libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
        check(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        try {
            check(libc.posix_spawnattr_setflags(attr, POSIX_SPAWN_SETPGROUP), "posix_spawnattr_setflags");
            check(libc.posix_spawnattr_setpgroup(attr, 0), "posix_spawnattr_setpgroup"); // a new group, led by the child
            int append = Platform.isMac() ? 0x1 | 0x200 | 0x8 : 0x1 | 0100 | 02000; // O_WRONLY | O_CREAT | O_APPEND
            check(libc.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", 0, 0), "addopen stdin");
            check(libc.posix_spawn_file_actions_addopen(actions, 1, log.toString(), append, 0644), "addopen stdout");
            check(libc.posix_spawn_file_actions_addopen(actions, 2, log.toString(), append, 0644), "addopen stderr");
            Map<String, String> environment = new TreeMap<>(System.getenv());
            environment.putAll(env);
            List<String> envp = new ArrayList<>();
            environment.forEach((k, v) -> envp.add(k + "=" + v));
            IntByReference pid = new IntByReference();
            int error = libc.posix_spawnp(pid, argv.get(0), actions, attr, new StringArray(argv.toArray(String[]::new)),
                    new StringArray(envp.toArray(String[]::new)));
            if (error != 0) {
                throw new DriverException("could not start " + argv.get(0) + " (error " + error + ")", "is it installed and on PATH?");
            }
            return pid.getValue();
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
            libc.posix_spawnattr_destroy(attr);
        }
    }

    /** Whether the process runs; a child of this JVM that exited is reaped here, so it is not taken for alive. */
    public static boolean alive(long pid) {
        LibC.INSTANCE.waitpid((int) pid, null, WNOHANG);
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Waits up to {@code timeout} for the process to end; whether it did. */
    public static boolean awaitExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(pid)) {
            if (System.nanoTime() > deadline) return false;
            Pause.millis(50);
        }
        return true;
    }

    /** The process group of a process, for tests and diagnostics. */
    public static long group(long pid) {
        return LibC.INSTANCE.getpgid((int) pid);
    }

    private static void check(int result, String call) {
        if (result != 0) throw new DriverException(call + " failed (error " + result + ")", null);
    }
}
