"""User-facing errors: each carries one line that names what is wrong and where."""


class AgentbenchError(Exception):
    """An error the CLI prints as one line, without a traceback."""


class TaskError(AgentbenchError):
    """A task folder that is not a valid task."""


class SandboxError(AgentbenchError):
    """Docker or other infrastructure failed; not the agent's fault."""


class ImageBuildError(SandboxError):
    """A base or task image could not be built."""


class ResourceLimit(AgentbenchError):
    """The agent went past a resource limit that ends the attempt (its doing, not ours)."""


class WorkspaceTooLarge(ResourceLimit):
    """The agent left more in its workspace than a snapshot may hold."""
