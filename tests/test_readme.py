"""The README's commands stay true: they are parsed from the README and run (or compared with CI)."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from comparer.cli import CLAIM_TABLE, cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def section(title: str) -> str:
    """The text of the README section `## title`, up to the next section."""
    match = re.search(rf"^## {re.escape(title)}[ \t]*\n(.*?)(?=^## |\Z)", README, re.M | re.S)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def commands(text: str) -> list[str]:
    """The indented (code block) lines of a README section."""
    return [line.strip() for line in text.splitlines() if line.startswith("    ") and line.strip()]


def ci_commands() -> list[list[str]]:
    """The commands of .ci/run as argument lists, comments and shell settings left out."""
    found = []
    for line in CI.splitlines():
        line = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#!") else ""
        if line:
            found.append(shlex.split(line))
    return found


def pip_install(argv: list[str]) -> list[str] | None:
    """`pip install ...` / `python -m pip install ...` without the quiet flag, or None for another command."""
    if argv[:3] == ["python", "-m", "pip"]:
        argv = argv[2:]
    if argv[:2] != ["pip", "install"]:
        return None
    return [a for a in argv if a not in ("--quiet", "-q")]


def as_run_here(command: str) -> list[str]:
    """A README command as an argument list for this interpreter: `python` -> sys.executable, also
    inside a quoted `--cmd "python ..."`."""
    argv = shlex.split(command)
    python = shlex.quote(sys.executable)
    return [sys.executable if a == "python" else re.sub(r"^python(?= )", python, a) for a in argv]


def test_the_test_command_is_the_one_ci_runs():
    (line,) = commands(section("Tests"))
    steps = [shlex.split(step) for step in line.split("&&")]
    *installs, run_tests = steps
    assert run_tests[:3] == ["python", "-m", "pytest"]
    ci = ci_commands()
    assert run_tests in ci, f"{' '.join(run_tests)!r} is not what .ci/run runs"
    ci_installs = [pip_install(argv) for argv in ci if pip_install(argv)]
    for install in installs:
        assert pip_install(install) in ci_installs, f"{' '.join(install)!r} is not what .ci/run installs"
        for i, arg in enumerate(install):
            if arg == "-r":
                assert (ROOT / install[i + 1]).is_file()


def test_the_install_command_names_files_that_exist():
    (line,) = commands(section("Install"))
    names = re.findall(r"-r\s+(\S+)", line)
    assert names == ["requirements.txt"]
    assert all((ROOT / name).is_file() for name in names)


def claims_usage() -> str:
    return next(c for c in commands(section("Claims from the command line")) if "[--format" in c)


def test_the_usage_line_names_the_formats_the_cli_takes():
    formats = re.search(r"--format ([\w|]+)", claims_usage()).group(1).split("|")
    option = next(p for p in cli.commands["claims"].params if p.name == "fmt")
    assert formats == list(option.type.choices)


def test_every_option_of_claims_help_is_in_the_readme():
    result = CliRunner().invoke(cli, ["claims", "--help"])
    assert result.exit_code == 0
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", result.output)) - {"--help"}
    assert options >= {"--format", "--out"}
    assert sorted(o for o in options if o not in README) == []


def test_the_example_runs_and_prints_a_table():
    (example,) = [c for c in commands(section("Claims from the command line")) if c.endswith("--format table")]
    argv = as_run_here(example)
    if not (ROOT / argv[4]).is_file():
        pytest.skip(f"{argv[4]} is not here")
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    lines = proc.stdout.decode("utf-8").splitlines()
    assert lines[0].split() == [name for name, _ in CLAIM_TABLE]
    assert any(re.search(r"\b259\b", line) for line in lines[2:])
    assert "Traceback" not in proc.stderr.decode("utf-8", "replace")


def test_the_evaluation_command_runs():
    (command,) = commands(section("Evaluation"))
    argv = as_run_here(command)
    if not (ROOT / argv[1]).is_file():
        pytest.skip(f"{argv[1]} is not here")
    proc = subprocess.run(argv + ["--quiet"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("extraction P=")
