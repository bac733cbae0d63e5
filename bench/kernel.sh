#!/usr/bin/env bash
# Benchmark: a Jupyter kernel's start, from KernelManager.start_kernel to the first kernel_info_reply, measured
# with jupyter_client (Debian's, /usr/bin/python3) the same way for kubik's kernel (installed by the launcher, so
# with its fast-start flags and class-data archive) and Debian's ipykernel (python3). Medians of RUNS (default
# 10). kubik's goal: at most 0.8x ipykernel's time. Needs scripts/setup.sh --jupyter.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-10}"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
./kubik kernel install --prefix "$prefix" --dry-run >/dev/null
export JUPYTER_PATH="$prefix/share/jupyter" PYDEVD_DISABLE_FILE_VALIDATION=1
/usr/bin/python3 - "$runs" <<'PY'
import statistics, sys, time
from jupyter_client import KernelManager

def first_reply(name):
    km = KernelManager(kernel_name=name)
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - start
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return elapsed * 1000

runs = int(sys.argv[1])
first_reply("kubik"), first_reply("python3")  # warm the page cache for both
results = {}
for name in ("kubik", "python3"):
    results[name] = [first_reply(name) for _ in range(runs)]
k, p = statistics.median(results["kubik"]), statistics.median(results["python3"])
print("kernel start to first kernel_info_reply: kubik %.0f ms (%.0f-%.0f), ipykernel %.0f ms (%.0f-%.0f), ratio %.2fx"
      " (goal <= 0.8x; medians of %d)" % (k, min(results["kubik"]), max(results["kubik"]), p, min(results["python3"]),
                                          max(results["python3"]), k / p, runs))
PY
