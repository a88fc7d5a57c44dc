"""Our own retry loop (the SDKs run with max_retries=0) so that retries and backoff time
are counted on the response instead of being hidden inside the SDK."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Mapping, TypeVar

from agentbench.model.base import ModelError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 6
    base_sec: float = 1.0
    max_sec: float = 60.0
    jitter: bool = True  # full jitter: a uniform wait in [0, capped exponential]

    def backoff(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `attempt` + 1 (attempt counts from 0)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_sec)
        cap = min(self.max_sec, self.base_sec * (2**attempt))
        return random.uniform(0.0, cap) if self.jitter else cap


@dataclass
class Failure:
    """How one failed attempt is handled."""

    error: ModelError
    retryable: bool
    retry_after: float | None = None


@dataclass
class Attempts:
    latency_sec: float
    retries: int
    backoff_sec: float


def parse_retry_after(headers: Mapping[str, str] | None) -> float | None:
    """Seconds from `retry-after-ms`, or `retry-after` as seconds or an HTTP date."""
    if not headers:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(float(ms) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max((when - datetime.now(timezone.utc)).total_seconds(), 0.0)


_STATUS_KINDS = {400: "bad_request", 401: "auth", 403: "auth", 404: "not_found",
                 413: "bad_request", 422: "bad_request"}


def classify_status(status: int, message: str, headers: Mapping[str, str] | None) -> Failure:
    """Map an HTTP error status to a Failure; context overflow is the caller's job."""
    if status == 429:
        return Failure(ModelError("rate_limited", f"rate limited (HTTP 429): {message}", status=status),
                       retryable=True, retry_after=parse_retry_after(headers))
    if status >= 500 or status == 408:
        kind = "timeout" if status == 408 else "server_error"
        return Failure(ModelError(kind, f"server error (HTTP {status}): {message}", status=status),
                       retryable=True, retry_after=parse_retry_after(headers))
    kind = _STATUS_KINDS.get(status, "api_error")
    label = {"auth": "authentication failed", "not_found": "not found (unknown model?)",
             "bad_request": "bad request"}.get(kind, "request failed")
    return Failure(ModelError(kind, f"{label} (HTTP {status}): {message}", status=status), retryable=False)


def run_with_retries(
    send: Callable[[], T],
    classify: Callable[[Exception], Failure | None],
    policy: RetryPolicy,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[T, Attempts]:
    """Call `send` until it succeeds, a failure is not retryable, or retries run out.

    `classify` returns None for exceptions it does not know; those propagate unchanged."""
    retries = 0
    backoff = 0.0
    while True:
        start = time.monotonic()
        try:
            result = send()
        except Exception as exc:
            failure = classify(exc)
            if failure is None:
                raise
            if not failure.retryable:
                raise failure.error from exc
            if retries >= policy.max_retries:
                raise ModelError(
                    "retries_exhausted",
                    f"gave up after {retries} retries; last error: {failure.error.message}",
                    status=failure.error.status,
                ) from exc
            delay = policy.backoff(retries, failure.retry_after)
            sleep(delay)
            backoff += delay
            retries += 1
            continue
        return result, Attempts(time.monotonic() - start, retries, backoff)
