// expect: ["2:7 refused: calling execute()", "2:52 refused: catching Throwable: catch Exception or a subclass of it"]
try { "touch /tmp/kubik-escape-canary".execute() } catch (Throwable t) { }
