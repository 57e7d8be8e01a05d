"""Rewrite the README's generated blocks: the command table (from the query headers), the demo's output and
the tables benchmarks saved (benchmarks/results/).

Run from the checkout: ``.venv/bin/python tools/update_readme.py`` (the demo runs in a temporary folder).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policykg.commands import table_of_commands  # noqa: E402


def demo_output() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([str(ROOT / ".venv" / "bin" / "policykg"), "demo"], cwd=tmp, capture_output=True,
                              text=True, check=True, env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"})
    return done.stdout.replace(tmp, ".").rstrip()


def replace(text: str, name: str, body: str) -> str:
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no {name} block")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


# Tables printed by benchmarks, as their last run saved them: (README block, file).
BENCHMARK_RESULTS = (("national", ROOT / "benchmarks" / "results" / "national.txt"),)


def main() -> None:
    readme = ROOT / "README.md"
    text = replace(readme.read_text("utf-8"), "commands", table_of_commands())
    for name, path in BENCHMARK_RESULTS:
        if path.exists():
            text = replace(text, name, path.read_text("utf-8").rstrip())
    if "--no-demo" not in sys.argv:
        text = replace(text, "demo", f"```text\n{demo_output()}\n```")
    readme.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
