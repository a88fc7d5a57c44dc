"""Task folders: valid ones load, invalid ones fail with one line naming the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agentbench.errors import TaskError
from agentbench.task import find_tasks, load_task, resolve_task
from agentbench.task.inventory import count_tests
from tests.conftest import TINY_TASK, run_cli


@pytest.fixture
def task_copy(tmp_path: Path) -> Path:
    target = tmp_path / "tiny"
    shutil.copytree(TINY_TASK, target)
    return target


def test_valid_task_loads():
    task = load_task(TINY_TASK)
    assert task.id == "tiny"
    assert task.config.scoring.milestones == {"basic": 1, "more": 3}
    assert task.config.environment.network == "none"
    assert "calc.py" in task.instruction
    assert len(task.content_hash) == 64


def test_content_hash_changes_with_any_file(task_copy: Path):
    before = load_task(task_copy).content_hash
    (task_copy / "tests" / "test_calc.py").write_text((task_copy / "tests" / "test_calc.py").read_text() + "\n# changed\n")
    assert load_task(task_copy).content_hash != before


def _edit_toml(folder: Path, old: str, new: str) -> None:
    toml = folder / "task.toml"
    text = toml.read_text()
    assert old in text
    toml.write_text(text.replace(old, new))


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ('timeout_sec = 60\n\n[verifier]', 'timeout_sec = "soon"\n\n[verifier]', "task.toml: agent.timeout_sec:"),
        ('difficulty = "easy"', 'difficulty = "trivial"', "task.toml: difficulty:"),
        ('author = "agentbench"', 'author = "agentbench"\ncolour = "blue"', "task.toml: colour: unknown field"),
        ('author = "agentbench"\n', "", "task.toml: author: missing"),
        ('id = "tiny"', 'id = "other"', "task.toml: id: 'other' does not match the folder name"),
        ("basic = 1", "basic = -1", "task.toml: scoring.milestones:"),
        ("pids = 128", "pids = 128\nnetwork = \"host\"", "task.toml: environment.network:"),
        ('title = "Tiny', 'title = Tiny', "task.toml: not valid TOML"),
    ],
)
def test_invalid_toml_names_file_and_field(task_copy: Path, old: str, new: str, expected: str):
    _edit_toml(task_copy, old, new)
    with pytest.raises(TaskError) as info:
        load_task(task_copy)
    message = str(info.value)
    assert expected in message
    assert str(task_copy / "task.toml") in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "remove, expected",
    [("instruction.md", "instruction.md: missing or empty"), ("solution/solve.sh", "solve.sh: missing"), ("task.toml", "task.toml: missing")],
)
def test_missing_files_are_named(task_copy: Path, remove: str, expected: str):
    (task_copy / remove).unlink()
    with pytest.raises(TaskError, match=expected):
        load_task(task_copy)


def test_tests_folder_without_tests(task_copy: Path):
    (task_copy / "tests" / "test_calc.py").unlink()
    with pytest.raises(TaskError, match="no test_.*py files"):
        load_task(task_copy)


def test_find_tasks_reports_invalid_folders_and_keeps_valid_ones(tmp_path: Path):
    shutil.copytree(TINY_TASK, tmp_path / "tiny")
    broken = tmp_path / "broken"
    shutil.copytree(TINY_TASK, broken)
    _edit_toml(broken, 'id = "tiny"', 'id = "broken"')
    (broken / "instruction.md").write_text("   ")
    tasks, errors = find_tasks(tmp_path)
    assert [t.id for t in tasks] == ["tiny"]
    assert len(errors) == 1 and "broken/instruction.md" in errors[0]


def test_resolve_by_id_and_by_path(tmp_path: Path):
    shutil.copytree(TINY_TASK, tmp_path / "tiny")
    assert resolve_task("tiny", tmp_path).path == (tmp_path / "tiny").resolve()
    assert resolve_task(str(TINY_TASK)).id == "tiny"
    with pytest.raises(TaskError, match="'nope': not found in"):
        resolve_task("nope", tmp_path)


def test_static_test_count_expands_parametrize():
    assert count_tests(TINY_TASK / "tests", ["basic", "more"]) == {"basic": 1, "more": 2}


def test_cli_bad_task_is_one_line_without_traceback(task_copy: Path, tmp_path: Path):
    _edit_toml(task_copy, 'difficulty = "easy"', 'difficulty = 3')
    done = run_cli("run", "--task", str(task_copy), "--agent", "nop", "--runs-dir", str(tmp_path / "runs"))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "task.toml: difficulty:" in lines[0]
    assert not (tmp_path / "runs").exists()


def test_cli_tasks_list_json(tmp_path: Path):
    shutil.copytree(TINY_TASK, tmp_path / "tiny")
    done = run_cli("tasks", "list", "--json", "--tasks-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    import json

    rows = json.loads(done.stdout)
    assert rows[0]["id"] == "tiny" and rows[0]["tests"] == 3 and rows[0]["milestones"] == 2
