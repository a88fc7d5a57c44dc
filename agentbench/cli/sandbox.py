"""agentbench sandbox ..."""

from __future__ import annotations

import time

import typer
from rich.console import Console

from agentbench.sandbox.cleanup import prune_images, remove_all_containers
from agentbench.sandbox.images import base_images, build_base_image

sandbox_app = typer.Typer(help="Sandbox images and containers.", no_args_is_help=True)


@sandbox_app.command("build")
def build(
    names: list[str] = typer.Argument(None, help="Base images to build (default: all in sandboxes/)."),
    force: bool = typer.Option(False, "--force", help="Rebuild even when the image is current."),
    from_registry: bool = typer.Option(False, "--from-registry", help="Start from debian:bookworm-slim (needs a registry)."),
) -> None:
    """Build the base images from Debian's packages (no registry needed)."""
    console = Console(stderr=True)
    for name in names or list(base_images()):
        started = time.monotonic()
        with console.status(f"agentbench/{name}") as status:
            tag = build_base_image(name, force=force, from_registry=from_registry, progress=lambda text: status.update(text))
        console.print(f"[green]ready[/green] {tag} ({time.monotonic() - started:.0f} s)")


@sandbox_app.command("prune")
def prune() -> None:
    """Remove every container of ours left on the engine, and our dangling images."""
    removed = remove_all_containers()
    images = prune_images()
    Console(stderr=True).print(f"removed {removed} container(s) and {images} dangling image(s) of agentbench")
