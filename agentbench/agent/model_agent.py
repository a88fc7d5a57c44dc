"""The built-in agent: a tool-calling loop over a Model, with limits, accounting and a trajectory."""

from __future__ import annotations

import time
from collections.abc import Callable

from agentbench.agent.base import AgentContext, AgentResult, AgentStop, LimitExceeded, Submitted
from agentbench.agent.prompts import ELIDED, NUDGE, SYSTEM_PROMPT
from agentbench.agent.tools import TOOL_SPECS, ToolError, Tools
from agentbench.agent.trajectory import Redactor, Trajectory
from agentbench.model.base import ContextOverflow, Model, ModelError, ModelResponse, Usage
from agentbench.outcome.taxonomy import Cause
from agentbench.rundir import TRAJECTORY_FILE

ELIDE_AT = 0.75  # share of the context window past which old tool outputs are elided
KEEP_RECENT_TOOL_OUTPUTS = 6


class Accounting:
    def __init__(self):
        self.usage = Usage()
        self.cost_usd: float | None = 0.0
        self.model_calls = 0
        self.retries = 0
        self.backoff_sec = 0.0
        self.model_sec = 0.0
        self.last_input_tokens = 0

    def add(self, response: ModelResponse) -> None:
        self.usage = self.usage + response.usage
        self.cost_usd = None if self.cost_usd is None or response.cost_usd is None else self.cost_usd + response.cost_usd
        self.model_calls += 1
        self.retries += response.retries
        self.backoff_sec += response.backoff_sec
        self.model_sec += response.latency_sec
        self.last_input_tokens = response.usage.input_tokens + response.usage.output_tokens

    def as_usage(self) -> dict:
        return {
            "input_tokens": self.usage.input_tokens, "output_tokens": self.usage.output_tokens,
            "reasoning_tokens": self.usage.reasoning_tokens, "cached_tokens": self.usage.cached_tokens,
            "cost_usd": round(self.cost_usd, 6) if self.cost_usd is not None else None, "model_calls": self.model_calls,
        }


class ModelAgent:
    name = "builtin"

    def __init__(self, model_spec: str, make_model: Callable[[], Model], secrets: list[str] | None = None, command_timeout: float = 120):
        self.model = model_spec
        self._make_model = make_model
        self._secrets = secrets or []
        self._command_timeout = command_timeout

    def run(self, ctx: AgentContext) -> AgentResult:
        trajectory = Trajectory(ctx.attempt_dir / TRAJECTORY_FILE, Redactor(self._secrets))
        account = Accounting()
        loop = _Loop(ctx, trajectory, account, Tools(ctx.sandbox, default_timeout=self._command_timeout))
        trajectory.event("start", task=ctx.task.id, model=self.model, limits=ctx.limits.model_dump(), seed=ctx.seed)
        ending: Cause | None = None
        submitted, message = False, None
        try:
            model = self._make_model()
            loop.run(model)
        except Submitted:
            submitted = True
        except AgentStop as stop:
            ending, message = stop.cause, stop.message
        except ContextOverflow as exc:
            ending, message = Cause.CONTEXT_OVERFLOW, exc.message
            trajectory.event("error", kind=exc.kind, message=exc.message)
        except ModelError as exc:
            ending, message = Cause.MODEL_ERROR, f"{exc.kind}: {exc.message}"
            trajectory.event("error", kind=exc.kind, message=exc.message)
        finally:
            trajectory.event("end", cause=ending, submitted=submitted, message=message, steps=loop.steps, usage=account.as_usage(),
                             retries=account.retries, backoff_sec=round(account.backoff_sec, 3))
            trajectory.close()
        return AgentResult(
            ending=ending, submitted=submitted, message=message, steps=loop.steps, usage=account.as_usage(),
            extra={"model_retries": account.retries, "backoff_sec": round(account.backoff_sec, 3), "model_sec": round(account.model_sec, 3)},
        )


class _Loop:
    def __init__(self, ctx: AgentContext, trajectory: Trajectory, account: Accounting, tools: Tools):
        self.ctx, self.trajectory, self.account, self.tools = ctx, trajectory, account, tools
        self.steps = 0
        self.messages: list[dict] = [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": ctx.task.instruction},
        ]
        self._logged = 0  # messages already written to the trajectory

    def time_left(self) -> float:
        return self.ctx.remaining_sec(paused_sec=self.account.backoff_sec)

    def check_limits(self) -> None:
        limits, account = self.ctx.limits, self.account
        if self.ctx.cancel.is_set():
            raise AgentStop(Cause.INTERRUPTED, "the run was stopped")
        if self.ctx.halted:
            raise AgentStop(*self.ctx.halted)
        if self.time_left() <= 0:
            self._stop(Cause.AGENT_TIMEOUT, f"wall-clock limit of {limits.timeout_sec:g} s reached")
        if limits.max_steps is not None and self.steps >= limits.max_steps:
            self._stop(Cause.STEP_LIMIT, f"step limit of {limits.max_steps} reached")
        if limits.max_tokens is not None and account.usage.total_tokens >= limits.max_tokens:
            self._stop(Cause.TOKEN_LIMIT, f"token limit of {limits.max_tokens} reached ({account.usage.total_tokens} used)")
        if limits.max_cost_usd is not None and account.cost_usd is not None and account.cost_usd >= limits.max_cost_usd:
            self._stop(Cause.COST_LIMIT, f"cost limit of ${limits.max_cost_usd:g} reached (${account.cost_usd:.4f} spent)")

    def _stop(self, cause: Cause, message: str) -> None:
        self.trajectory.event("limit", cause=cause, message=message)
        raise LimitExceeded(cause, message)

    def run(self, model: Model) -> None:
        while True:
            self.check_limits()
            self.elide_if_needed(model.context_window)
            self.ctx.log(f"step {self.steps + 1}: waiting for the model")
            new = self.messages[self._logged :]
            self.trajectory.event("model_call", step=self.steps + 1, message_count=len(self.messages), new_messages=new)
            self._logged = len(self.messages)
            response = model.query(self.messages, TOOL_SPECS)
            self.steps += 1
            self.account.add(response)
            self.trajectory.event(
                "model_response", step=self.steps, text=response.text, tool_calls=response.tool_calls,
                usage=response.usage, cost_usd=response.cost_usd, latency_sec=round(response.latency_sec, 3),
                retries=response.retries, backoff_sec=round(response.backoff_sec, 3), stop_reason=response.stop_reason,
            )
            self.messages.append({"role": "assistant", "content": response.text, "tool_calls": response.tool_calls})
            self._logged = len(self.messages)
            if not response.tool_calls:
                self.ctx.step = self.steps
                self.trajectory.event("nudge", step=self.steps)
                self.messages.append({"role": "user", "content": NUDGE})
                continue
            submitted = False
            for call in response.tool_calls:
                submitted = self.run_tool(call) or submitted
            self._logged = len(self.messages)
            self.ctx.step = self.steps  # after its tools ran: a progress snapshot sees the step's work
            if submitted:
                raise Submitted()

    def run_tool(self, call) -> bool:
        self.ctx.log(f"step {self.steps}: {call.name}")
        outcome = None
        if call.parse_error:
            output = f"error: {call.parse_error}. Call the tool again with a JSON object as arguments."
        else:
            try:
                outcome = self.tools.call(call.name, call.arguments or {}, self.time_left())
                output = outcome.output
            except ToolError as exc:
                output = f"error: {exc}"
        self.messages.append({"role": "tool", "tool_call_id": call.id, "name": call.name, "content": output})
        self.trajectory.event(
            "tool_result", step=self.steps, tool_call_id=call.id, name=call.name, output=output,
            exit_code=outcome.exit_code if outcome else None, timed_out=outcome.timed_out if outcome else False,
            duration_sec=outcome.duration_sec if outcome else 0.0, error=outcome is None,
        )
        if outcome is not None and outcome.timed_out and self.time_left() <= 0:
            self._stop(Cause.AGENT_TIMEOUT, f"wall-clock limit of {self.ctx.limits.timeout_sec:g} s reached during a command")
        return bool(outcome and outcome.submitted)

    def elide_if_needed(self, context_window: int) -> None:
        """Replace the oldest tool outputs with a notice once the conversation nears the window."""
        estimate = max(self.account.last_input_tokens, sum(len(str(m.get("content") or "")) for m in self.messages) // 4)
        if estimate < ELIDE_AT * context_window:
            return
        tool_messages = [m for m in self.messages if m["role"] == "tool" and not m.get("elided")]
        elided = 0
        for message in tool_messages[:-KEEP_RECENT_TOOL_OUTPUTS]:
            chars = len(message["content"])
            message["content"], message["elided"] = ELIDED.format(chars=chars), True
            elided += chars
        if elided:
            self.account.last_input_tokens = 0
            self.trajectory.event("context_elided", step=self.steps, chars=elided, estimate_tokens=estimate, context_window=context_window)
