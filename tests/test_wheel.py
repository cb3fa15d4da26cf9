"""The toolkit as a user installs it: build the wheel, install it into a fresh virtual environment, and run the
main job, `toolkit statements`, the library and a notebook from an empty folder outside the repository.

Installing the dependencies needs the package index (PyPI); pip's cache makes it quick after `make test`'s own
install. Nothing the toolkit runs here touches the network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "cli" / "reviews.jsonl"


def _run(args: list[str], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel built from this checkout (and its pinned dependencies) installed."""
    root = tmp_path_factory.mktemp("wheel")
    wheels = root / "dist"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(REPO)], cwd=root
    )
    (wheel,) = wheels.glob("film_reception_toolkit-*.whl")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "-c",
            str(REPO / "constraints.txt"),
            str(wheel),
            "nbclient",
            "nbformat",
            "ipykernel",
        ],
        cwd=root,
        timeout=1800,
    )
    return env_dir


@pytest.mark.slow
def test_the_wheel_runs_from_an_empty_folder(installed, tmp_path):
    work = tmp_path / "somewhere"
    work.mkdir()
    bin_dir = installed / "bin"

    _run([str(bin_dir / "toolkit"), "figures"], cwd=work)
    written = sorted(p.name for p in (work / "figures").iterdir())
    assert "index.html" in written and "00-statements.csv" in written

    shutil.copy(FIXTURE, work / "reviews.jsonl")
    _run([str(bin_dir / "toolkit"), "statements", "--input", "reviews.jsonl", "--out", "statements.jsonl"], cwd=work)
    first = json.loads((work / "statements.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["review_id"] == "en-1" and {"method", "score"} <= set(first)

    probe = "import toolkit as tk; r = tk.load_corpus(); s = tk.datasets.salyut7(); print(len(r), len(s))"
    assert _run([str(bin_dir / "python"), "-c", probe], cwd=work).stdout.split() == ["65", "65"]

    # A notebook copied out of the repository runs against the installed package and its shipped corpus.
    notebook = work / "01-corpus.ipynb"
    shutil.copy(REPO / "notebooks" / "01-corpus.ipynb", notebook)
    runner = (
        "import nbformat, sys; from nbclient import NotebookClient; nb = nbformat.read(sys.argv[1], 4); "
        "NotebookClient(nb, timeout=600, kernel_name='python3').execute(); "
        "errors = [o for c in nb.cells for o in c.get('outputs', []) if o.get('output_type') == 'error']; "
        "sys.exit(1 if errors else 0)"
    )
    _run([str(bin_dir / "python"), "-c", runner, str(notebook)], cwd=work)
    # Nothing was written back into the repository by any of it.
    assert not (REPO / "somewhere").exists()
