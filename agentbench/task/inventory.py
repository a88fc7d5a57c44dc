"""What a task holds: its tests and milestones, counted without running the agent's code."""

from __future__ import annotations

import ast
from pathlib import Path

from agentbench.task.loader import Task
from agentbench.verifier.scoring import UNMARKED


def _marker_names(decorators: list[ast.expr]) -> list[str]:
    names = []
    for node in decorators:
        target = node.func if isinstance(node, ast.Call) else node
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Attribute) and target.value.attr == "mark":
            names.append(target.attr)
    return names


def _module_markers(tree: ast.Module) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets):
            values = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
            return _marker_names(values)
    return []


def _literal_len(node: ast.expr, names: dict[str, ast.expr], depth: int = 0) -> int | None:
    """How many values a parametrize argument holds, when it can be read without running code."""
    if depth > 5:
        return None
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return len(node.elts)
    if isinstance(node, ast.Dict):
        return len(node.keys)
    if isinstance(node, ast.Name) and node.id in names:
        return _literal_len(names[node.id], names, depth + 1)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id in ("sorted", "list", "tuple", "set") and len(node.args) == 1:
            return _literal_len(node.args[0], names, depth + 1)
        if node.func.id == "range" and all(isinstance(a, ast.Constant) and isinstance(a.value, int) for a in node.args):
            return len(range(*(a.value for a in node.args)))
    return None


def _parametrize_count(decorators: list[ast.expr], names: dict[str, ast.expr]) -> int:
    count = 1
    for node in decorators:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "parametrize":
            values = node.args[1] if len(node.args) >= 2 else next((k.value for k in node.keywords if k.arg == "argvalues"), None)
            size = _literal_len(values, names) if values is not None else None
            count *= max(1, size or 1)
    return count


def count_tests(tests_dir: Path, milestones: list[str]) -> dict[str, int]:
    """Tests per milestone, read statically from the test files.

    Parametrize values are expanded when they are literals (or names of module-level literals);
    `agentbench task check` counts the tests that really ran.
    """
    counts = {name: 0 for name in milestones}
    for file in sorted(tests_dir.rglob("test_*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        module_marks = _module_markers(tree)
        names = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        scopes: list[tuple[list[ast.stmt], list[str]]] = [(tree.body, module_marks)]
        while scopes:
            body, inherited = scopes.pop()
            for node in body:
                if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                    scopes.append((node.body, inherited + _marker_names(node.decorator_list)))
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                    marks = _marker_names(node.decorator_list) + inherited
                    milestone = next((m for m in marks if m in counts), UNMARKED)
                    counts[milestone] = counts.get(milestone, 0) + _parametrize_count(node.decorator_list, names)
    return counts


def task_summary(task: Task) -> dict:
    cfg = task.config
    per_milestone = count_tests(task.tests_dir, list(cfg.scoring.milestones))
    return {
        "id": task.id,
        "title": cfg.title,
        "category": cfg.category,
        "difficulty": cfg.difficulty,
        "tags": cfg.tags,
        "expert_time_min": cfg.expert_time_min,
        "tests": sum(per_milestone.values()),
        "milestones": len(cfg.scoring.milestones),
        "milestone_names": list(cfg.scoring.milestones),
        "tests_per_milestone": per_milestone,
        "agent_timeout_sec": cfg.agent.timeout_sec,
        "base_image": None if task.environment_dir else cfg.environment.base,
        "path": str(task.path),
    }
