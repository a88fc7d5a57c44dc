"""A real headless Chromium for tests: Debian's chromium and chromedriver from the agentbench/web
image, driven from the host by Selenium. Nothing needs to be installed on the host but the engine."""

from __future__ import annotations

import socket
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver

from agentbench.sandbox.archive import tar_directory
from agentbench.sandbox.engine import docker_client, labels
from agentbench.sandbox.images import build_base_image


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def chromium(width: int = 1366, height: int = 900, share: tuple[Path, ...] = ()):
    """A Selenium driver for a Chromium in a container. Folders in `share` are copied in at the
    same absolute paths, so file:// URLs of the host work unchanged."""
    image = build_base_image("web")
    port = _free_port()
    run_id = f"browser-{uuid.uuid4().hex[:8]}"
    container = docker_client().containers.create(
        image, ["chromedriver", f"--port={port}"], user="agent", network_mode="host", init=True,
        cap_drop=["ALL"], security_opt=["no-new-privileges"], mem_limit="2g", labels=labels(run_id, run_id, "browser"),
    )
    try:
        for folder in share:
            container.put_archive("/", tar_directory(folder, str(folder).lstrip("/"), uid=1000, gid=1000))
        container.start()
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, container.logs().decode(errors="replace")
                time.sleep(0.2)
        options = webdriver.ChromeOptions()
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
            options.add_argument(argument)
        options.binary_location = "/usr/bin/chromium"
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
        try:
            yield driver
        finally:
            driver.quit()
    finally:
        container.remove(force=True)


def console_log(driver) -> list[dict]:
    """The browser's console entries (Chromium's log endpoint, which the remote driver lacks a method for)."""
    return driver.execute("getLog", {"type": "browser"})["value"]
