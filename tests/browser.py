"""Headless Chromium driven over the DevTools protocol (a pipe: no port, no extra package), networking blocked.

``Browser.open(url)`` loads a page in a 1600 x 1000 window and records every request the page makes
(``Network.requestWillBeSent``); ``evaluate`` runs a script in the page; ``screenshot`` writes a PNG.
Networking is blocked three ways: a proxy that does not exist, host names that do not resolve, and
DevTools' own URL blocking for http, https, ws and wss; the request log shows what the page asked for.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


class Browser:
    def __init__(self, binary: str, width: int = 1600, height: int = 1000) -> None:
        self.profile = tempfile.mkdtemp(prefix="policykg-chromium-")
        commands_r, commands_w = os.pipe()
        replies_r, replies_w = os.pipe()
        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank"]

        def fds() -> None:  # the protocol's pipe: the browser reads fd 3, writes fd 4
            os.dup2(commands_r, 3)
            os.dup2(replies_w, 4)

        self.proc = subprocess.Popen(args, pass_fds=(3, 4), preexec_fn=fds, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(commands_r)
        os.close(replies_w)
        self._out = os.fdopen(commands_w, "wb", buffering=0)
        self._in = os.fdopen(replies_r, "rb", buffering=0)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Page", "Runtime"):
            self.send(f"{domain}.enable", session=True)
        self.send("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]}, session=True)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = self._in.read(1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def send(self, method: str, params: dict[str, Any] | None = None, session: bool = False,
             timeout: float = 60.0) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self._out.write(json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _wait_for(self, method: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            self.events.append(self._receive(deadline))

    def open(self, url: str, settle: float = 1.0, timeout: float = 60.0) -> None:
        """Load ``url`` and wait for its load event, then ``settle`` seconds for it to draw."""
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=True)
        self._wait_for("Page.loadEventFired", timeout)
        time.sleep(settle)
        self.evaluate("1")  # collect the events of the settling time

    def requests(self) -> list[str]:
        """Every URL the page asked for since it was opened (the request log)."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def outgoing(self) -> list[str]:
        """Requests that would leave the machine: any scheme but file, data, blob and about."""
        return [url for url in self.requests() if not url.startswith(LOCAL_SCHEMES)]

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self) -> list[str]:
        """Exceptions thrown by the page's scripts since it was opened."""
        return [json.dumps(e["params"]["exceptionDetails"])[:500] for e in self.events
                if e.get("method") == "Runtime.exceptionThrown"]

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=10)
        except (OSError, EOFError, TimeoutError, RuntimeError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._out.close()
        self._in.close()
        shutil.rmtree(self.profile, ignore_errors=True)


# Pixels of a canvas that are not its background, counted in the page (a blank canvas has none).
INKED_PIXELS = """
(() => {
  const canvas = document.querySelector('canvas');
  if (!canvas) return -1;
  const image = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 0; i < image.length; i += 4) {
    if (image[i + 3] > 0 && (image[i] < 235 || image[i + 1] < 235 || image[i + 2] < 235)) inked += 1;
  }
  return inked;
})()
"""
