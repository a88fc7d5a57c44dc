"""The outcome taxonomy and the classifier that applies it."""

from agentbench.outcome.classify import Classification, classify, infrastructure_error, is_build_error
from agentbench.outcome.taxonomy import CAUSE_INFO, Cause, Outcome, Source

__all__ = ["CAUSE_INFO", "Cause", "Classification", "Outcome", "Source", "classify", "infrastructure_error", "is_build_error"]
