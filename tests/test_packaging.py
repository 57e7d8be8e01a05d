"""The wheel installs one top-level package, `policykg`, with graph/, ingest/ and queries/ inside it, and
works from there (not from the checkout)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_installs_only_policykg_and_runs_from_itself(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
                   check=True, timeout=600)
    wheel = next(tmp_path.glob("policykg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")} == {"policykg"}
    for needed in ("policykg/ingest/data/vocabulary.yaml", "policykg/queries/owns.cypher",
                   "policykg/graph/model.py", "policykg/templates/graph.js"):
        assert needed in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    probe = (f"import sys; sys.path.insert(0, {str(unpacked)!r}); import policykg; "
             "from policykg.queries.runner import names; "
             "from policykg.ingest.extract import extract_text; "
             "print(policykg.__file__); print(len(names())); "
             "text = 'KẾ HOẠCH\\nII. NHIỆM VỤ\\n1. Sở Y tế chủ trì tập huấn.'; "
             "print(extract_text(text, 'x.txt')['tasks'][0]['lead'])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         check=True).stdout.splitlines()
    assert out[0].startswith(str(unpacked)) and int(out[1]) >= 10 and out[2] == "['Sở Y tế']"
