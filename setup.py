"""Ships tasks/ and sandboxes/ inside the wheel (as agentbench/_bundled/), so that an installed
agentbench finds its bundled tasks and image definitions from any directory. An editable install
reads them from the checkout instead (see agentbench/paths.py)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

BUNDLED = ("tasks", "sandboxes")


class BuildWithBundles(build_py):
    def run(self):
        super().run()
        for name in BUNDLED:
            target = Path(self.build_lib) / "agentbench" / "_bundled" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache"))


setup(cmdclass={"build_py": BuildWithBundles})
