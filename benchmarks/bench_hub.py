"""How many learners' servers one machine sustains on the hub with the live editor responsive.

Starts deploy/jupyterhub/jupyterhub_config.py on 127.0.0.1 (as tests/test_jupyterhub.py
does), then for each level of N active learners: N single-user servers, each with a kernel
that has imported the course package, and every learner "typing" in the live editor: a
``grader.check`` of a growing draft through their own kernel (the hub's proxy, the server's
kernel websocket), then a pause (``--think``, the editor's pace), for ``--seconds``.
Prints per level: the check's round-trip latency (median, 95th percentile, worst), checks per
second, and the memory of the hub, proxy, servers and kernels. Every loop is bounded by
time; everything listens on loopback only. Needs jupyterhub and configurable-http-proxy.

    python benchmarks/bench_hub.py [--levels 1,4,8,12] [--seconds 20] [--think 1.0]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "tests" / "fixtures" / "nbgrader_course"))
import cohort as C  # noqa: E402
from hub_client import Kernel, LocalHub, execute  # noqa: E402

RUBRIC = "pr-review/comment"
DRAFT = ("This query runs once per row in `load_orders()`, so a page with 200 orders makes 200 round trips to "
         "the database and the endpoint takes about 3 seconds at p95. Could we fetch the rows with one "
         "`SELECT ... WHERE id IN (...)` instead? The tests in `test_orders.py` would still cover it.")


def memory_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    import psutil

    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 1e6


async def typist(kernel: Kernel, seconds: float, think: float, offset: int) -> list[float]:
    """One learner typing for ``seconds``: a check of the draft so far, a pause, again. Latencies in seconds."""
    connection = await kernel.connect()
    latencies, length = [], 40 + offset * 7
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            length = length + 11 if length + 11 <= len(DRAFT) else 40
            start = time.perf_counter()
            await execute(connection, f"print(grader.check({DRAFT[:length]!r}, {RUBRIC!r}).score)")
            latencies.append(time.perf_counter() - start)
            await asyncio.sleep(think)
    finally:
        connection.close()
    return latencies


async def load(kernels: list[Kernel], seconds: float, think: float) -> list[float]:
    results = await asyncio.gather(*(typist(k, seconds, think, i) for i, k in enumerate(kernels)))
    return [latency for learner in results for latency in learner]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", default="1,4,8,12", help="numbers of active learners, ascending")
    parser.add_argument("--seconds", type=float, default=20.0, help="typing time per level")
    parser.add_argument("--think", type=float, default=1.0, help="pause between two checks of one learner (s)")
    args = parser.parse_args()
    levels = [int(n) for n in args.levels.split(",")]
    learners = [f"learner{i:02d}" for i in range(max(levels))]

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-hub-") as tmp:
        root = Path(tmp)
        exchange, course = root / "exchange", root / "course"
        exchange.mkdir()
        course.mkdir()
        (course / "nbgrader_config.py").write_text((REPO / "nbgrader_config.py").read_text("utf-8"), "utf-8")
        local = LocalHub(root, course, exchange, ["instructor"], learners, C.nbgrader_env())
        with local as hub:
            kernels: list[Kernel] = []
            for level in levels:
                start = time.perf_counter()
                new = learners[len(kernels):level]
                for learner in new:
                    hub.start_server(learner)
                for learner in new:
                    hub.wait_for_server(learner)
                    kernel = Kernel(hub, f"/user/{learner}", hub.token_for(learner)).start()
                    kernel.execute("import grader; grader.check('warm up', 'pr-review/comment')")
                    kernels.append(kernel)
                ready = time.perf_counter() - start
                latencies = sorted(asyncio.run(load(kernels, args.seconds, args.think)))
                rows.append((level, ready / max(len(new), 1), memory_mb(local.process.pid), latencies))
                p95 = latencies[int(0.95 * (len(latencies) - 1))]
                print(f"  {level:3d} learners: p50 {1000 * statistics.median(latencies):6.0f} ms, "
                      f"p95 {1000 * p95:6.0f} ms", flush=True)
            for kernel in kernels:
                kernel.shutdown()

    print(f"{os.cpu_count()} CPUs; each learner checks a growing draft ({RUBRIC}) every {args.think:g} s "
          f"plus the check's own time, for {args.seconds:g} s per level")
    print("learners  start s/server  memory MB  checks/s   p50 ms   p95 ms   max ms")
    for level, per_server, memory, latencies in rows:
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(f"{level:8d}  {per_server:14.1f}  {memory:9.0f}  {len(latencies) / args.seconds:8.1f}  "
              f"{1000 * statistics.median(latencies):7.0f}  {1000 * p95:7.0f}  {1000 * latencies[-1]:7.0f}")


if __name__ == "__main__":
    main()
