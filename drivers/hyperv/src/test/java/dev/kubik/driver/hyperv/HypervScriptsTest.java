package dev.kubik.driver.hyperv;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exact PowerShell sent for hostile values: everything a script or a host supplies stays data. */
class HypervScriptsTest {
    static final String PATH = "C:\\Users\\O'Brien $(Remove-Item C:\\ -Recurse)\\`whoami`;\\.kubik\\machines\\dev";
    static final String SWITCH = "Lab ‘switch’; Stop-Computer -Force # $env:USERNAME `n";

    @Test
    void quotesAreDoubledAndNothingElseIsTouched() {
        assertEquals("'O''Brien'", PowerShell.quote("O'Brien"));
        assertEquals("'$(whoami); `n \"x\"'", PowerShell.quote("$(whoami); `n \"x\""));
        // PowerShell ends a single-quoted string at a typographic quote too: those are doubled as well.
        assertEquals("'a‘‘b’’c‚‚d‛‛e'", PowerShell.quote("a‘b’c‚d‛e"));
        assertEquals("''", PowerShell.quote(""));
    }

    @Test
    void theScriptsSentCarryHostileValuesAsData() {
        assertEquals("Hyper-V\\New-VM 'dev' -Path 'C:\\Users\\O''Brien $(Remove-Item C:\\ -Recurse)\\`whoami`;\\.kubik\\machines\\dev'"
                        + " -SwitchName 'Lab ‘‘switch’’; Stop-Computer -Force # $env:USERNAME `n' -MemoryStartupBytes 2048MB",
                HypervScripts.newVm("dev", PATH, SWITCH, 2048));
        assertEquals("Hyper-V\\Set-VMDvdDrive -VMName 'dev' -Path 'C:\\Users\\O''Brien $(Remove-Item C:\\ -Recurse)\\`whoami`;"
                + "\\.kubik\\machines\\dev\\boot2docker.iso'", HypervScripts.dvd("dev", PATH + "\\boot2docker.iso"));
        assertEquals("Hyper-V\\Convert-VHD -Path 'a''b.vhd' -DestinationPath 'c;d.vhd' -VHDType Dynamic -DeleteSource",
                HypervScripts.convertToDynamic("a'b.vhd", "c;d.vhd"));
        assertEquals("Hyper-V\\Resize-VHD -Path 'x.vhd' -SizeBytes 20480MB", HypervScripts.resizeVhd("x.vhd", 20480));
        assertEquals("Hyper-V\\Set-VMMemory -VMName 'dev' -DynamicMemoryEnabled $false", HypervScripts.staticMemory("dev"));
        assertEquals("( Hyper-V\\Get-VM 'dev' ).state", HypervScripts.state("dev"));
        assertEquals("(( Hyper-V\\Get-VM 'dev' ).networkadapters[0]).ipaddresses[0]", HypervScripts.ip("dev"));
        assertEquals("Hyper-V\\Stop-VM 'dev' -TurnOff", HypervScripts.turnOff("dev"));
        assertEquals("Hyper-V\\Remove-VM 'dev' -Force", HypervScripts.remove("dev"));
    }
}
