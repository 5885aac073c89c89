"""The Kubernetes Job the guide documents runs a ``softskills autograde`` command that exists, one shard per index."""
from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from grader.cli import build_parser
from grader.shards import parse_shard

REPO = Path(__file__).resolve().parents[1]


def test_indexed_job_grades_each_shard_once() -> None:
    job = yaml.safe_load((REPO / "deploy" / "kubernetes" / "autograde-job.yaml").read_text(encoding="utf-8"))
    spec = job["spec"]
    (container,) = spec["template"]["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert job["kind"] == "Job" and spec["completionMode"] == "Indexed"
    assert spec["completions"] == spec["parallelism"] == int(env["SHARDS"])
    assert "MULTIPLIER_DB_URL" in env  # the shared gradebook (nbgrader_config.py reads it)
    # one seal key for every pod, from a mounted Secret, or the report flags other pods' grades
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in spec["template"]["spec"]["volumes"]}
    key_folder = str(Path(env["MULTIPLIER_SEAL_KEY"]).parent)
    assert "secret" in volumes[mounts[key_folder]]
    assert container["command"] == ["sh", "-c"]

    shards = set()
    for index in range(spec["completions"]):
        values = {**{k: v for k, v in env.items() if v is not None}, "JOB_COMPLETION_INDEX": str(index)}
        command = container["args"][0]
        assert command.startswith("exec softskills ")
        # the pod's shell expands the variables: let a real shell print the words instead of running them
        printed = subprocess.run(["sh", "-c", "printf '%s\\0' " + command[len("exec softskills "):]],
                                 env=values, capture_output=True, text=True, check=True).stdout
        words = printed.split("\0")[:-1]
        args = build_parser().parse_args(words)
        assert args.command == "autograde" and args.assignment == env["ASSIGNMENT"]
        assert args.jobs == int(env["JOBS"]) and args.course == container["workingDir"]
        shards.add(parse_shard(args.shard))
    assert {(s.index, s.count) for s in shards} == {(i, spec["completions"]) for i in range(spec["completions"])}
