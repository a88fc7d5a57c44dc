"""Loaded into the hidden test run (with python3 -P, so /workspace is not on sys.path at startup).

It puts the agent's /workspace at the END of sys.path — the agent's modules import by name, but a
pytest.py or json.py of the agent's cannot shadow pytest or the standard library — and tags each test
with its milestone in the JUnit XML. Standard library and pytest only.
"""

import os
import sys

MILESTONES = [m for m in os.environ.get("AGENTBENCH_MILESTONES", "").split(",") if m]
WORKSPACE = os.environ.get("AGENTBENCH_WORKSPACE", "/workspace")

if WORKSPACE not in sys.path:
    sys.path.append(WORKSPACE)


def pytest_collection_modifyitems(items):
    for item in items:
        names = [mark.name for mark in item.iter_markers() if mark.name in MILESTONES]
        item.user_properties.append(("milestone", names[0] if names else ""))
