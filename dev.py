#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3.11+ and git.

    python3 dev.py demo    # create .venv, install, plan and walk an afklaringsforløb
    python3 dev.py test    # create .venv, install, run the whole gate (what CI runs)

The gate: ruff format --check, ruff check, mypy --strict on src, the import-layer
contract (import-linter), and pytest with the
Hypothesis "ci" profile, doctests, every README/docs example, and branch coverage >= 95 %.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs before anything checks
        sys.exit("beskaeftigelse needs Python 3.11 or newer")
    if not PY.exists():
        print("creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".installed"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != digest:
        print("installing beskaeftigelse[dev] into .venv ...", flush=True)
        run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", ".[dev]")
        stamp.write_text(digest)


def run(*cmd: object) -> None:
    print("$", " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, check=False)
    if result.returncode:
        sys.exit(result.returncode)


def gate() -> None:
    env_profile = os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
    print(f"Hypothesis profile: {env_profile}", flush=True)
    lint = [p for p in ("src", "tests", "bench", "docs", "dev.py") if (ROOT / p).exists()]
    run(PY, "-m", "ruff", "format", "--check", *lint)
    run(PY, "-m", "ruff", "check", *lint)
    run(PY, "-m", "mypy", "--strict", "src")
    # The import-layer contract (pyproject's [tool.importlinter]): layers point one way.
    run(BIN / "lint-imports")
    run(
        PY,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--cov",
        "--cov-branch",
        "--cov-report=term",
        "--cov-fail-under=95",
        "tests",
        "src",
    )
    # The documentation site, with every warning an error (the notebook runs in the tests).
    run(
        PY,
        "-m",
        "sphinx",
        "-E",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        "docs",
        "docs/_build/html",
    )


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else "test"
    setup()
    if command == "demo":
        run(PY, "-m", "beskaeftigelse", "demo", *sys.argv[2:])
    elif command == "test":
        gate()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
