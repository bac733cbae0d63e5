package dev.kubik.engine.fakes;

import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CommandRunner;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The outside world of the fake driver and bootstrapper: machines that exist (as a hypervisor would hold them),
 * what each was asked, and failures or holds to inject. The plugins themselves keep nothing between calls, as
 * real ones must not; this is the "host" they act on. Reset before each test.
 */
public final class FakeWorld {
    /** One machine, as the fake hypervisor knows it. */
    public record Machine(String cluster, int index, MachineState state, int boots) {
        Machine with(MachineState newState, int newBoots) {
            return new Machine(cluster, index, newState, newBoots);
        }
    }

    public static final Map<String, Machine> MACHINES = new ConcurrentHashMap<>();
    /** Every call, in order: {@code create dev-m02}, {@code start dev}, {@code init dev}, {@code run dev: sudo …}. */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** What the driver was asked to make, by machine name. */
    public static final Map<String, dev.kubik.spi.MachineConfig> CONFIGS = new ConcurrentHashMap<>();
    /** Every machine reference the driver was handed after creation, with the state it carried. */
    public static final List<MachineRef> REFS = new CopyOnWriteArrayList<>();
    /** Machines whose next creation fails (once). */
    public static final Set<String> FAIL_CREATE = ConcurrentHashMap.newKeySet();
    /** Machines whose start fails (until removed). */
    public static final Set<String> FAIL_START = ConcurrentHashMap.newKeySet();
    /** Machines whose next join fails (once). */
    public static final Set<String> FAIL_JOIN = ConcurrentHashMap.newKeySet();
    /** A creation that waits here until released: told by {@link #CREATE_STARTED}. */
    public static final Map<String, CountDownLatch> HOLD_CREATE = new ConcurrentHashMap<>();
    public static volatile CountDownLatch CREATE_STARTED = new CountDownLatch(1);
    /**
     * Calls that never return ({@code create dev-m02}, {@code join dev-m03}): they ignore interrupts, as a call stuck
     * in native code or on a socket would.
     */
    public static final Set<String> HANG = ConcurrentHashMap.newKeySet();
    private static volatile CountDownLatch endOfTest = new CountDownLatch(1);

    private FakeWorld() {
    }

    public static void reset() {
        MACHINES.clear();
        CALLS.clear();
        CONFIGS.clear();
        REFS.clear();
        FAIL_CREATE.clear();
        FAIL_START.clear();
        FAIL_JOIN.clear();
        HOLD_CREATE.clear();
        CREATE_STARTED = new CountDownLatch(1);
        HANG.clear();
        endOfTest.countDown(); // a hung call from the last test ends now, failing, touching nothing
        endOfTest = new CountDownLatch(1);
    }

    static void hang(String call) {
        if (!HANG.contains(call)) return;
        CountDownLatch end = endOfTest;
        while (true) {
            try {
                end.await();
                throw new IllegalStateException(call + " hung until its test ended");
            } catch (InterruptedException ignored) {
                // Interrupts do not end it: that is the hang.
            }
        }
    }

    static void hold(String machine) {
        CountDownLatch latch = HOLD_CREATE.get(machine);
        if (latch == null) return;
        CREATE_STARTED.countDown();
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static List<String> calls(String prefix) {
        return CALLS.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    /** A node's shell: every command succeeds and is recorded; the engine's "SSH" in these tests. */
    public static CommandRunner shell(String machine) {
        return new CommandRunner() {
            @Override
            public CommandResult run(List<String> argv, Duration timeout) {
                CALLS.add("run " + machine + ": " + String.join(" ", argv));
                return new CommandResult(0, "", "");
            }

            @Override
            public CommandResult run(List<String> argv, java.io.InputStream input, Duration timeout) {
                return run(argv, timeout);
            }

            @Override
            public void writeFile(String path, byte[] content, int mode) {
                CALLS.add("write " + machine + ": " + path);
            }
        };
    }
}
