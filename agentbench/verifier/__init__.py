"""The verifier: hidden tests on a finished workspace, in a fresh container."""

from agentbench.verifier.junit import TestResult, parse_junit
from agentbench.verifier.scoring import MilestoneScore, TestCounts
from agentbench.verifier.verifier import Verdict, verify

__all__ = ["MilestoneScore", "TestCounts", "TestResult", "Verdict", "parse_junit", "verify"]
