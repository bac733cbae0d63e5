@echo off
rem kubik's launcher for Windows (cmd.exe); bin\kubik.ps1 is the same for PowerShell. Java: the runtime this
rem release brings, then JAVA_HOME, then java.exe on PATH; it must be 17 or newer.
setlocal EnableExtensions
set "KUBIK_DIST=%~dp0.."
set "KUBIK_JAVA="
if exist "%KUBIK_DIST%\runtime\bin\java.exe" set "KUBIK_JAVA=%KUBIK_DIST%\runtime\bin\java.exe"
if not defined KUBIK_JAVA if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "KUBIK_JAVA=%JAVA_HOME%\bin\java.exe"
if not defined KUBIK_JAVA for %%J in (java.exe) do if not "%%~$PATH:J"=="" set "KUBIK_JAVA=%%~$PATH:J"
if not defined KUBIK_JAVA (
  echo kubik: no Java found. kubik needs Java 17 or newer: install one ^(winget install EclipseAdoptium.Temurin.17.JRE^), or set JAVA_HOME to it. 1>&2
  exit /b 1
)

rem Its version from the runtime's release file, so no JVM starts for the check.
for %%J in ("%KUBIK_JAVA%") do set "KUBIK_JAVA_ROOT=%%~dpJ.."
set "KUBIK_JAVA_VERSION="
if exist "%KUBIK_JAVA_ROOT%\release" for /f "usebackq tokens=2 delims==" %%V in (`findstr /b "JAVA_VERSION=" "%KUBIK_JAVA_ROOT%\release"`) do set "KUBIK_JAVA_VERSION=%%~V"
if defined KUBIK_JAVA_VERSION (
  for /f "tokens=1,2 delims=." %%A in ("%KUBIK_JAVA_VERSION%") do (
    set "KUBIK_JAVA_MAJOR=%%A"
    if "%%A"=="1" set "KUBIK_JAVA_MAJOR=%%B"
  )
)
if defined KUBIK_JAVA_MAJOR if %KUBIK_JAVA_MAJOR% LSS 17 (
  echo kubik: %KUBIK_JAVA% is Java %KUBIK_JAVA_VERSION%; kubik needs Java 17 or newer ^(set JAVA_HOME to one^). 1>&2
  exit /b 1
)

set "KUBIK_FLAGS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xms16m"
set "KUBIK_JAR=%KUBIK_DIST%\lib\kubik.jar"
rem Class-data sharing: made on first run in the user's cache (Program Files is read-only), in the background.
set "KUBIK_CACHE=%LOCALAPPDATA%\kubik\cache"
set "KUBIK_RELEASE="
if exist "%KUBIK_DIST%\lib\release" set /p KUBIK_RELEASE=<"%KUBIK_DIST%\lib\release"
set "KUBIK_ARCHIVE=%KUBIK_CACHE%\cds-%KUBIK_RELEASE: =-%-%KUBIK_JAVA_VERSION%.jsa"
if exist "%KUBIK_ARCHIVE%" (
  set "KUBIK_FLAGS=%KUBIK_FLAGS% -XX:SharedArchiveFile="%KUBIK_ARCHIVE%""
) else if not defined KUBIK_NO_CDS (
  if not exist "%KUBIK_CACHE%" mkdir "%KUBIK_CACHE%" >nul 2>&1
  start "" /b "%KUBIK_JAVA%" %KUBIK_FLAGS% -XX:ArchiveClassesAtExit="%KUBIK_ARCHIVE%" -jar "%KUBIK_JAR%" internal-train-cds >nul 2>&1
)
"%KUBIK_JAVA%" %KUBIK_FLAGS% %KUBIK_JAVA_OPTS% -jar "%KUBIK_JAR%" %*
exit /b %ERRORLEVEL%
