package dev.kubik.driver.hyperv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubik.driver.vmkit.Boot2DockerDisk;
import dev.kubik.driver.vmkit.ClusterTag;
import dev.kubik.driver.vmkit.MachineDirectory;
import dev.kubik.driver.vmkit.NodeIso;
import dev.kubik.spi.CommandResult;
import dev.kubik.spi.CreatedMachine;
import dev.kubik.spi.Driver;
import dev.kubik.spi.DriverContext;
import dev.kubik.spi.DriverException;
import dev.kubik.spi.DriverStatus;
import dev.kubik.spi.Endpoint;
import dev.kubik.spi.HostCommands;
import dev.kubik.spi.HostOs;
import dev.kubik.spi.MachineConfig;
import dev.kubik.spi.MachineRef;
import dev.kubik.spi.MachineState;
import dev.kubik.spi.OptionSchema;
import dev.kubik.spi.OptionSpec;
import dev.kubik.spi.Pause;
import dev.kubik.spi.Priority;
import dev.kubik.spi.SshAccess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Nodes as Hyper-V VMs on Windows, made as minikube's Hyper-V driver and kutti's make them: the node ISO in the VM's
 * DVD drive, the boot2docker disk as a VHD (made fixed, the magic tar written in, converted to dynamic, resized),
 * static memory, the switch the script names or else the Default Switch or the first external one. Everything
 * goes through PowerShell ({@link HypervScripts}); the address comes from the VM's first network adapter, with a
 * deadline. Hyper-V has no console kubik can read, so the host key is pinned on first contact.
 */
public final class HypervDriver implements Driver {
    private static final Duration ADDRESS_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "hyperv";
    }

    @Override
    public String description() {
        return "nodes are Hyper-V virtual machines (Windows) from the kubik node ISO";
    }

    @Override
    public Set<HostOs> supportedOn() {
        return Set.of(HostOs.WINDOWS);
    }

    @Override
    public Priority priority() {
        return Priority.PREFERRED;
    }

    @Override
    public OptionSchema options() {
        return OptionSchema.of(
                OptionSpec.string("iso", "auto", "the node ISO: a path or an https URL; auto: as the qemu driver chooses"),
                OptionSpec.string("virtualSwitch", null, "the Hyper-V switch; default: the Default Switch, else the first external one"));
    }

    /** The Hyper-V module, a hypervisor, and rights to use it: Administrators or Hyper-V Administrators. */
    @Override
    public DriverStatus status() {
        PowerShell ps = new PowerShell(HostCommands.LOCAL);
        try {
            if (!ps.run(HypervScripts.moduleCheck()).contains("Hyper-V")) {
                return DriverStatus.notInstalled("the Hyper-V PowerShell module is not installed",
                        "in an elevated PowerShell: Enable-WindowsOptionalFeature -Online -FeatureName Microsoft-Hyper-V -All",
                        "https://learn.microsoft.com/virtualization/hyper-v-on-windows/quick-start/enable-hyper-v");
            }
            if (!ps.run(HypervScripts.hypervisorPresent()).equalsIgnoreCase("True")) {
                return DriverStatus.unhealthy(null, "no hypervisor is running", "enable virtualization in the firmware, then Hyper-V", null);
            }
            if (!ps.run(HypervScripts.rightsCheck()).equalsIgnoreCase("True")) {
                return DriverStatus.unhealthy(null, "this user is neither an Administrator nor a Hyper-V Administrator",
                        "add yourself to 'Hyper-V Administrators' (then sign out and in), or run kubik elevated", null);
            }
            return DriverStatus.healthy("Hyper-V");
        } catch (DriverException e) {
            return DriverStatus.notInstalled("PowerShell with Hyper-V cannot be run: " + e.getMessage(), "Hyper-V runs on Windows 10/11 Pro "
                    + "and Windows Server", null);
        }
    }

    @Override
    public CreatedMachine create(MachineConfig config, DriverContext context) {
        PowerShell ps = new PowerShell(context.host());
        String name = config.name();
        Path dir = context.machineDir(name);
        remove(MachineRef.named(name), context); // a creation interrupted before the engine recorded it
        String switchName = chooseSwitch(ps, (String) config.options().get("virtualSwitch"));
        Path source = NodeIso.resolve(String.valueOf(config.options().get("iso")), context);
        if (!Files.isRegularFile(source)) {
            throw new DriverException("no node ISO at " + source, "build it with scripts/build-node-iso.sh, or set options { iso '…' }");
        }
        Path iso = dir.resolve("boot2docker.iso");
        Path fixed = dir.resolve("fixed.vhd");
        Path disk = dir.resolve("disk.vhd");
        try {
            Files.createDirectories(dir);
            ClusterTag.write(dir, name(), config.cluster());
            Files.copy(source, iso, StandardCopyOption.REPLACE_EXISTING);
            ps.run(HypervScripts.newFixedVhd(fixed.toString()));
            Boot2DockerDisk.writeInto(fixed, config.sshPublicKey());
        } catch (IOException e) {
            throw new DriverException("cannot prepare " + name + ": " + e.getMessage(), null, e);
        }
        ps.run(HypervScripts.convertToDynamic(fixed.toString(), disk.toString()));
        ps.run(HypervScripts.resizeVhd(disk.toString(), config.diskMiB()));
        ps.run(HypervScripts.newVm(name, dir.toString(), switchName, config.memoryMiB()));
        ps.run(HypervScripts.staticMemory(name));
        ps.run(HypervScripts.processors(name, config.cpus()));
        ps.run(HypervScripts.dvd(name, iso.toString()));
        ps.run(HypervScripts.addDisk(name, disk.toString()));
        ps.run(HypervScripts.start(name));
        String ip = awaitAddress(ps, name);
        return new CreatedMachine(ip, SshAccess.node(new Endpoint(ip, 22)), List.of(), Map.of("ip", ip, "switch", switchName,
                MachineConfig.API_SERVER_PORT_KEY, String.valueOf(config.apiServerPort())));
    }

    /** The script's switch; else the Default Switch; else the first external switch. */
    static String chooseSwitch(PowerShell ps, String wanted) {
        if (wanted != null) return wanted;
        try {
            JsonNode switches = JSON.readTree(ps.run(HypervScripts.switches()));
            // ConvertTo-Json writes a one-element array as the element itself.
            List<JsonNode> all = switches.isArray() ? toList(switches) : switches.isObject() ? List.of(switches) : List.of();
            Optional<JsonNode> chosen = all.stream().filter(s -> HypervScripts.DEFAULT_SWITCH_ID.equalsIgnoreCase(s.path("Id").asText()))
                    .findFirst().or(() -> all.stream().findFirst());
            return chosen.map(s -> s.path("Name").asText()).orElseThrow(() -> new DriverException(
                    "Hyper-V has no Default Switch and no external switch", "create an external switch in Hyper-V Manager, "
                    + "then name it: options { virtualSwitch 'My Switch' }"));
        } catch (IOException e) {
            throw new DriverException("Hyper-V's switch list is not JSON: " + e.getMessage(), null, e);
        }
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new java.util.ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    /** Polls the VM's first adapter for an address, as minikube does, but with a deadline. */
    private static String awaitAddress(PowerShell ps, String name) {
        long deadline = System.nanoTime() + ADDRESS_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String ip = ps.run(HypervScripts.ip(name));
            if (!ip.isBlank() && !ip.contains(":")) return ip; // an IPv6 link-local address comes first sometimes
            Pause.millis(1000);
        }
        throw new DriverException(name + " has no IP address after " + ADDRESS_TIMEOUT.toSeconds() + " s",
                "check the VM's switch in Hyper-V Manager; the Default Switch gives addresses by DHCP");
    }

    @Override
    public MachineRef start(MachineRef machine, DriverContext context) {
        PowerShell ps = new PowerShell(context.host());
        if (state(machine, context) != MachineState.RUNNING) ps.run(HypervScripts.start(machine.name()));
        String ip = awaitAddress(ps, machine.name());
        Map<String, String> state = new java.util.HashMap<>(machine.state());
        state.put("ip", ip);
        return new MachineRef(machine.name(), state);
    }

    /** Stop-VM shuts the guest down; after the deadline, Stop-VM -TurnOff. */
    @Override
    public void stop(MachineRef machine, DriverContext context) {
        PowerShell ps = new PowerShell(context.host());
        if (state(machine, context) != MachineState.RUNNING) return;
        ps.run(HypervScripts.stop(machine.name()));
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (state(machine, context) != MachineState.RUNNING) return;
            Pause.millis(1000);
        }
        ps.run(HypervScripts.turnOff(machine.name()));
    }

    @Override
    public void remove(MachineRef machine, DriverContext context) {
        PowerShell ps = new PowerShell(context.host());
        MachineState state = state(machine, context);
        if (state == MachineState.RUNNING || state == MachineState.PAUSED) ps.run(HypervScripts.turnOff(machine.name()));
        if (state != MachineState.MISSING) ps.run(HypervScripts.remove(machine.name()));
        MachineDirectory.remove(context.machineDir(machine.name()));
    }

    @Override
    public MachineState state(MachineRef machine, DriverContext context) {
        CommandResult result = new PowerShell(context.host()).attempt(HypervScripts.state(machine.name()));
        if (!result.ok()) return MachineState.MISSING; // Get-VM: a VM with that name does not exist
        return switch (result.stdout().strip()) {
            case "Running", "Starting", "Stopping", "Saving", "Pausing", "Resuming" -> MachineState.RUNNING;
            case "Off", "Saved" -> MachineState.STOPPED;
            case "Paused" -> MachineState.PAUSED;
            default -> MachineState.ERROR;
        };
    }

    @Override
    public String ip(MachineRef machine, DriverContext context) {
        return machine.require("ip");
    }

    /** The VM is on a Hyper-V switch the host is on (the Default Switch or the script's): its address is reached as it is. */
    @Override
    public java.util.Optional<Endpoint> directRoute(MachineRef machine, int port, DriverContext context) {
        return java.util.Optional.of(new Endpoint(ip(machine, context), port));
    }

    @Override
    public SshAccess ssh(MachineRef machine, DriverContext context) {
        return SshAccess.node(new Endpoint(machine.require("ip"), 22));
    }

    @Override
    public Endpoint apiServerEndpoint(MachineRef machine, DriverContext context) {
        return new Endpoint(machine.require("ip"), MachineConfig.apiServerPort(machine));
    }

    @Override
    public List<String> machinesOf(String cluster, DriverContext context) {
        return ClusterTag.machinesOf(context, name(), cluster);
    }
}
