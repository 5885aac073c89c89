"""Inside the sandbox: set resource limits, execute a notebook with nbclient, write the outputs.

``python -m grader.nbgrader.sandbox_run IN OUT CELL_TIMEOUT LIMIT_PROCESSES``. Limits
are set before the kernel starts, so the kernel and everything it spawns inherit
them. The process limit counts every process of the user, so it is set only when
the sandbox runs as its own unprivileged user id (``LIMIT_PROCESSES`` = 1), never
for an instructor's own account.
Long outputs are cut per cell (nbgrader's LimitOutput trims again later).
"""
from __future__ import annotations

import json
import resource
import sys

MAX_OUTPUT_CHARS = 100_000


def _limit(limit_processes: bool) -> None:
    from grader.nbgrader.sandbox import MAX_FILE_BYTES, MAX_MEMORY_BYTES, MAX_PROCESSES

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_AS, (MAX_MEMORY_BYTES, MAX_MEMORY_BYTES))
    if limit_processes:
        resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))


def _trim(nb) -> None:  # noqa: ANN001
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and len(output.get("text", "")) > MAX_OUTPUT_CHARS:
                output["text"] = output["text"][:MAX_OUTPUT_CHARS] + "\n[output cut by the grader]\n"


def main(argv: list[str]) -> int:
    source, target, timeout, limit_processes = argv[0], argv[1], int(argv[2]), argv[3] == "1"
    _limit(limit_processes)
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, timeout=timeout, allow_errors=True, interrupt_on_timeout=True,
                            error_on_timeout={"ename": "CellTimeoutError", "evalue": f"no reply within {timeout} s",
                                              "traceback": [f"CellTimeoutError: no reply within {timeout} s"]},
                            kernel_name="python3", record_timing=False,
                            extra_arguments=["--HistoryManager.hist_file=:memory:"])
    try:
        client.execute()
    finally:
        _trim(nb)
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(nb, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
