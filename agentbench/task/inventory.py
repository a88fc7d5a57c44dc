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


def _parametrize_count(decorators: list[ast.expr]) -> int:
    count = 1
    for node in decorators:
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "parametrize" and len(node.args) >= 2:
            values = node.args[1]
            if isinstance(values, (ast.List, ast.Tuple)):
                count *= max(1, len(values.elts))
    return count


def count_tests(tests_dir: Path, milestones: list[str]) -> dict[str, int]:
    """Tests per milestone, read statically from the test files (parametrize lists are expanded)."""
    counts = {name: 0 for name in milestones}
    for file in sorted(tests_dir.rglob("test_*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        module_marks = _module_markers(tree)
        scopes: list[tuple[list[ast.stmt], list[str]]] = [(tree.body, module_marks)]
        while scopes:
            body, inherited = scopes.pop()
            for node in body:
                if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
                    scopes.append((node.body, inherited + _marker_names(node.decorator_list)))
                elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                    marks = _marker_names(node.decorator_list) + inherited
                    milestone = next((m for m in marks if m in counts), UNMARKED)
                    counts[milestone] = counts.get(milestone, 0) + _parametrize_count(node.decorator_list)
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
