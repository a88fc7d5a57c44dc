"""Sandboxes: where agents work and where hidden tests run."""

from agentbench.sandbox.base import AGENT_UID, AGENT_USER, WORKSPACE, ExecResult, Sandbox
from agentbench.sandbox.docker_sandbox import DockerSandbox
from agentbench.sandbox.images import base_images, build_base_image, task_image

__all__ = [
    "AGENT_UID",
    "AGENT_USER",
    "WORKSPACE",
    "DockerSandbox",
    "ExecResult",
    "Sandbox",
    "base_images",
    "build_base_image",
    "task_image",
]
