from click.testing import CliRunner

from policykg.cli import main
from tests.conftest import SEEDS


def test_unknown_store_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["cascade", "36-NQ/TW", "--store", "nosuch", "--data-dir", str(tmp_path)])
    assert result.exit_code != 0 and "unknown store 'nosuch'" in result.output
    assert "Traceback" not in result.output


def test_unreachable_neo4j_is_one_clear_line(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    result = CliRunner().invoke(main, ["owns", "Sở Y tế", "--store", "neo4j"])
    assert result.exit_code != 0 and "unreachable" in result.output


def test_ingest_exit_code_and_cascade_json(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    result = runner.invoke(main, ["ingest", str(SEEDS), str(bad), *data])
    assert result.exit_code == 1 and "bad.txt: binary file" in result.output
    result = runner.invoke(main, ["cascade", "36-NQ/TW", "--format", "json", *data])
    assert result.exit_code == 0 and "file:laocai-kh-55-kh-tu-36-nq-tw.txt" in result.output


def test_demo_tour(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["demo", "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert "Loaded 5 seed documents" in result.output
    assert "file:laocai-kh-55-kh-tu-36-nq-tw.txt" in result.output and "PL02.II.2.2.1" in result.output
    assert "-[IMPLEMENTS]-> 36-NQ/TW" in result.output
    assert "wrote policykg-graph.html" in result.output and (tmp_path / "policykg-graph.html").stat().st_size > 0
