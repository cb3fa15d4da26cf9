"""The notebooks run top to bottom on the shipped corpus (and on a researcher's own file), as in JupyterLab."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
FIXTURE = Path(__file__).parent / "fixtures" / "cli" / "reviews.jsonl"


def _execute(path: Path, parameters: dict[str, object] | None = None) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    if parameters:
        cell = next(c for c in notebook.cells if "parameters" in c.get("metadata", {}).get("tags", []))
        cell.source = "\n".join(f"{key} = {value!r}" for key, value in parameters.items())
    NotebookClient(
        notebook, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return notebook


def _errors(notebook: nbformat.NotebookNode) -> list[str]:
    return [
        out.get("ename", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def _outputs_text(notebook: nbformat.NotebookNode) -> str:
    """Everything the cells printed or displayed (stderr included), as a user sees it."""
    parts = []
    for cell in notebook.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            parts.append(str(out.get("text", "")))
            parts.extend(str(value) for value in out.get("data", {}).values())
    return "\n".join(parts)


def test_there_are_six_numbered_notebooks():
    assert [p.name[:3] for p in NOTEBOOKS] == ["01-", "02-", "03-", "04-", "05-", "06-"]


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_clean_on_the_shipped_corpus(path):
    notebook = _execute(path)
    assert _errors(notebook) == []
    # A progress bar is a widget or nothing: never tqdm's red "IProgress not found" warning box.
    printed = _outputs_text(notebook)
    assert "TqdmWarning" not in printed and "IProgress not found" not in printed
    # Offline: no chart output may pull Vega from a CDN.
    for cell in notebook.cells:
        for out in cell.get("outputs", []):
            assert "cdn.jsdelivr" not in str(out.get("data", {}))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["01-corpus.ipynb", "03-statements.ipynb", "04-reception.ipynb"])
def test_notebook_runs_on_a_researchers_own_reviews(name):
    notebook = _execute(NOTEBOOKS[0].parent / name, {"CORPUS": str(FIXTURE), "YEAR": 2017})
    assert _errors(notebook) == []
    assert "TqdmWarning" not in _outputs_text(notebook)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_thin_and_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        assert not cell.get("outputs") and cell.get("execution_count") is None
        assert len(cell.source.splitlines()) <= 12
        assert not any(line.lstrip().startswith(("def ", "class ")) for line in cell.source.splitlines())
