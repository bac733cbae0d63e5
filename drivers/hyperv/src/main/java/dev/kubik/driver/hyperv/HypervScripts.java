package dev.kubik.driver.hyperv;

import static dev.kubik.driver.hyperv.PowerShell.quote;

/**
 * The PowerShell kubik sends to Hyper-V, one statement per call, with minikube's cmdlets and checks
 * (pkg/drivers/hyperv). Every value is quoted as PowerShell data; numbers are formatted by Java.
 */
final class HypervScripts {
    /** The Default Switch's fixed id, as Hyper-V creates it on Windows 10 1709 and later. */
    static final String DEFAULT_SWITCH_ID = "c08cb7b8-9b3c-408e-8e30-5e16a3aeb444";

    private HypervScripts() {
    }

    static String moduleCheck() {
        return "@(Get-Module -ListAvailable hyper-v).Name | Get-Unique";
    }

    /** True for Administrators (S-1-5-32-544) or Hyper-V Administrators (S-1-5-32-578). */
    static String rightsCheck() {
        return "$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent()); "
                + "$principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator) -or "
                + "$principal.IsInRole([Security.Principal.SecurityIdentifier]::new('S-1-5-32-578'))";
    }

    static String hypervisorPresent() {
        return "@(Get-CimInstance Win32_ComputerSystem).HypervisorPresent";
    }

    /** The Default Switch and the external switches, as JSON (External sorts first, so the Default Switch is picked by id). */
    static String switches() {
        return "ConvertTo-Json @(Hyper-V\\Get-VMSwitch|Select Id, Name, SwitchType|Where-Object {($_.SwitchType -eq 'External') "
                + "-or ($_.Id -eq '" + DEFAULT_SWITCH_ID + "')}|Sort-Object -Property SwitchType)";
    }

    static String newFixedVhd(String path) {
        return "Hyper-V\\New-VHD -Path " + quote(path) + " -SizeBytes 10MB -Fixed";
    }

    static String convertToDynamic(String fixed, String dynamic) {
        return "Hyper-V\\Convert-VHD -Path " + quote(fixed) + " -DestinationPath " + quote(dynamic) + " -VHDType Dynamic -DeleteSource";
    }

    static String resizeVhd(String path, long sizeMiB) {
        return "Hyper-V\\Resize-VHD -Path " + quote(path) + " -SizeBytes " + sizeMiB + "MB";
    }

    static String newVm(String name, String dir, String switchName, long memoryMiB) {
        return "Hyper-V\\New-VM " + quote(name) + " -Path " + quote(dir) + " -SwitchName " + quote(switchName)
                + " -MemoryStartupBytes " + memoryMiB + "MB";
    }

    static String staticMemory(String name) {
        return "Hyper-V\\Set-VMMemory -VMName " + quote(name) + " -DynamicMemoryEnabled $false";
    }

    static String processors(String name, int cpus) {
        return "Hyper-V\\Set-VMProcessor " + quote(name) + " -Count " + cpus;
    }

    static String dvd(String name, String iso) {
        return "Hyper-V\\Set-VMDvdDrive -VMName " + quote(name) + " -Path " + quote(iso);
    }

    static String addDisk(String name, String vhd) {
        return "Hyper-V\\Add-VMHardDiskDrive -VMName " + quote(name) + " -Path " + quote(vhd);
    }

    static String start(String name) {
        return "Hyper-V\\Start-VM " + quote(name);
    }

    static String state(String name) {
        return "( Hyper-V\\Get-VM " + quote(name) + " ).state";
    }

    static String ip(String name) {
        return "(( Hyper-V\\Get-VM " + quote(name) + " ).networkadapters[0]).ipaddresses[0]";
    }

    static String stop(String name) {
        return "Hyper-V\\Stop-VM " + quote(name);
    }

    static String turnOff(String name) {
        return "Hyper-V\\Stop-VM " + quote(name) + " -TurnOff";
    }

    static String remove(String name) {
        return "Hyper-V\\Remove-VM " + quote(name) + " -Force";
    }
}
