"""Tasks: loading, validating and finding task folders."""

from agentbench.task.config import TaskConfig
from agentbench.task.loader import CANARY, Task, load_task, tree_hash
from agentbench.task.registry import default_tasks_dir, find_tasks, resolve_task

__all__ = [
    "CANARY",
    "Task",
    "TaskConfig",
    "default_tasks_dir",
    "find_tasks",
    "load_task",
    "resolve_task",
    "tree_hash",
]
