"""How metric values are written in tables, Markdown and HTML: one convention everywhere."""

from __future__ import annotations


def pct(value: float | None, digits: int = 0) -> str:
    return "-" if value is None else f"{value * 100:.{digits}f}%"


def interval(ci: tuple[float, float] | list[float] | None) -> str:
    return "-" if not ci else f"{ci[0] * 100:.0f}–{ci[1] * 100:.0f}%"


def num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def signed(value: float | None, digits: int = 2, unit: str = "") -> str:
    return "-" if value is None else f"{value:+.{digits}f}{unit}"


def usd(value: float | None) -> str:
    """Unknown cost (no price for the model) is '?', not zero."""
    if value is None:
        return "?"
    return f"${value:.4f}" if abs(value) < 1 else f"${value:,.2f}"


def tokens(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 1e6:.2f}M" if value >= 1e6 else f"{value / 1e3:.1f}k" if value >= 1e3 else f"{value:.0f}"


def seconds(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 60:.1f} min" if value >= 120 else f"{value:.1f} s"
