# kubik's launcher for PowerShell (Windows PowerShell 5.1 and PowerShell 7); bin\kubik.cmd is the same for cmd.exe.
# Java: the runtime this release brings, then JAVA_HOME, then java on PATH; it must be 17 or newer.
$ErrorActionPreference = 'Stop'
$dist = Split-Path -Parent $PSScriptRoot
$java = Join-Path $dist 'runtime\bin\java.exe'
if (-not (Test-Path -LiteralPath $java)) {
    $java = $null
    if ($env:JAVA_HOME -and (Test-Path -LiteralPath (Join-Path $env:JAVA_HOME 'bin\java.exe'))) {
        $java = Join-Path $env:JAVA_HOME 'bin\java.exe'
    } elseif (Get-Command java -CommandType Application -ErrorAction SilentlyContinue) {
        $java = (Get-Command java -CommandType Application | Select-Object -First 1).Source
    }
}
if (-not $java) {
    [Console]::Error.WriteLine('kubik: no Java found. kubik needs Java 17 or newer: install one (winget install EclipseAdoptium.Temurin.17.JRE), or set JAVA_HOME to it.')
    exit 1
}

# Its version from the runtime's release file, so no JVM starts for the check.
$version = ''
$release = Join-Path (Split-Path -Parent (Split-Path -Parent $java)) 'release'
if (Test-Path -LiteralPath $release) {
    $line = Select-String -LiteralPath $release -Pattern '^JAVA_VERSION="(.*)"$' | Select-Object -First 1
    if ($line) { $version = $line.Matches[0].Groups[1].Value }
}
if ($version) {
    $parts = $version.Split('.')
    $major = if ($parts[0] -eq '1') { [int]$parts[1] } else { [int]($parts[0] -replace '[^0-9].*$', '') }
    if ($major -lt 17) {
        [Console]::Error.WriteLine("kubik: $java is Java $version; kubik needs Java 17 or newer (set JAVA_HOME to one).")
        exit 1
    }
}

$flags = @('-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-Xshare:auto', '-Xms16m')
$jar = Join-Path $dist 'lib\kubik.jar'
# Class-data sharing: made on first run in the user's cache (Program Files is read-only), in the background.
$cache = Join-Path $env:LOCALAPPDATA 'kubik\cache'
$releaseId = ''
if (Test-Path -LiteralPath (Join-Path $dist 'lib\release')) { $releaseId = (Get-Content -LiteralPath (Join-Path $dist 'lib\release') -TotalCount 1) -replace '\s', '-' }
$archive = Join-Path $cache "cds-$releaseId-$version.jsa"
if (Test-Path -LiteralPath $archive) {
    $flags += "-XX:SharedArchiveFile=$archive"
} elseif (-not $env:KUBIK_NO_CDS) {
    New-Item -ItemType Directory -Force -Path $cache | Out-Null
    Start-Process -FilePath $java -WindowStyle Hidden -ArgumentList ($flags + @("-XX:ArchiveClassesAtExit=`"$archive`"", '-jar', "`"$jar`"", 'internal-train-cds')) | Out-Null
}
if ($env:KUBIK_JAVA_OPTS) { $flags += $env:KUBIK_JAVA_OPTS -split '\s+' | Where-Object { $_ } }
& $java @flags -jar $jar @args
exit $LASTEXITCODE
