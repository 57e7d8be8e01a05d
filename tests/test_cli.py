import json

import pytest
from click.testing import CliRunner
from policykg.queries.runner import catalogue
from policykg.queries.runner import module as queries_module

from policykg.cli import main
from tests.conftest import ROOT, SEEDS


def test_unknown_store_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(main, ["cascade", "36-NQ/TW", "--store", "nosuch", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "'nosuch' is not one of 'embedded', 'neo4j'" in result.output
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


def test_demo_tour_on_a_store_of_its_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    user = ["--data-dir", str(tmp_path / "mine")]
    assert runner.invoke(main, ["ingest", str(SEEDS / "sonla-kh-1639-qd-ttg-bvmt.txt"), *user]).exit_code == 0
    mine = runner.invoke(main, ["stats", "--format", "json", *user]).output
    result = runner.invoke(main, ["demo", "--data-dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "Loaded 5 seed documents" in result.output
    assert "file:laocai-kh-55-kh-tu-36-nq-tw.txt#PL02.II.2.2.1" in result.output
    assert "IMPLEMENTS  36-NQ/TW" in result.output and "Sở Tài chính" in result.output
    assert "wrote policykg-graph.html" in result.output and (tmp_path / "policykg-graph.html").stat().st_size > 0
    assert runner.invoke(main, ["stats", "--format", "json", *user]).output == mine


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    data = tmp_path_factory.mktemp("cli") / "data"
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return ["--data-dir", str(data)]


def test_unknown_names_exit_1_with_a_suggestion(seeded):
    runner = CliRunner()
    result = runner.invoke(main, ["cascade", "99-NQ/TW", *seeded])
    assert result.exit_code == 1 and "did you mean: 36-NQ/TW" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["owns", "Sở Y tế", "--province", "Atlantis", *seeded])
    assert result.exit_code == 1 and "not a province" in result.output
    result = runner.invoke(main, ["trace", "", *seeded])
    assert result.exit_code == 1
    result = runner.invoke(main, ["trace", "xử lý chất thải", *seeded])
    assert result.exit_code == 1 and "matches" in result.output and "#" in result.output


def test_owns_without_diacritics_gives_the_same_rows(seeded):
    runner = CliRunner()
    typed = runner.invoke(main, ["owns", "So Y te", "--province", "lao cai", "--format", "csv", *seeded])
    exact = runner.invoke(main, ["owns", "Sở Y tế", "--province", "Lào Cai", "--format", "csv", *seeded])
    assert typed.exit_code == 0 and typed.output == exact.output and typed.output.count("\n") > 8


def test_tables_fit_the_terminal_and_keep_uids_whole(seeded):
    result = CliRunner().invoke(main, ["owns", "Sở Y tế", "--province", "Lào Cai", *seeded], env={"COLUMNS": "80"})
    lines = result.output.splitlines()
    assert all(len(line) <= 80 for line in lines if "↳" not in line)
    assert "    ↳ file:laocai-kh-55-kh-tu-36-nq-tw.txt#PL02.II.2.2.1#cb4867023f" in lines
    wide = CliRunner().invoke(main, ["owns", "Sở Y tế", "--province", "Lào Cai", "--wide", *seeded])
    assert any(len(line) > 200 for line in wide.output.splitlines())


def test_csv_has_one_value_per_cell(seeded):
    import csv
    import io

    result = CliRunner().invoke(main, ["trace", "Đầu tư xây dựng và phát triển các Trung tâm bảo tồn",
                                       "--format", "csv", *seeded])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    first = [r for r in rows if r["chain"] == "1"]
    assert [r["relation"] for r in first] == ["PART_OF", "IMPLEMENTS"] and first[-1]["to"] == "36-NQ/TW"
    assert "36-NQ/TW" in {r["root"] for r in rows} and rows[0]["line"].isdigit()
    assert not any(v.startswith(("[", "{")) for r in rows for v in r.values())


def test_help_names_environment_defaults_and_an_example():
    runner = CliRunner()
    for command in ("cascade", "owns", "deadlines", "search", "current-owner", "status", "ingest"):
        result = runner.invoke(main, [command, "-h"])
        assert result.exit_code == 0 and "POLICYKG_STORE" in result.output and "Example" in result.output
        assert "[embedded|neo4j]" in result.output
    listing = runner.invoke(main, ["queries", "--format", "json"])
    assert len(json.loads(listing.output)) >= 11


def test_a_query_outside_any_store_says_so(tmp_path):
    result = CliRunner().invoke(main, ["owns", "Sở Y tế", "--data-dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 1 and "no store at" in result.output and not (tmp_path / "nowhere").exists()


def test_status_command_and_deadlines_bucket(seeded):
    runner = CliRunner()
    before = runner.invoke(main, ["deadlines", "--as-of", "2026-07-01", "--province", "Lào Cai", "--format", "csv",
                                  *seeded])
    assert "not done, overdue" in before.output and "2026-06-15" in before.output
    done = runner.invoke(main, ["status", "Tổ chức nghiên cứu, học tập, quán triệt", "done", "--on", "2026-06-01",
                                "--province", "Lào Cai", *seeded])
    assert done.exit_code == 0, done.output
    after = runner.invoke(main, ["deadlines", "--as-of", "2026-07-01", "--bucket", "done on time", "--format", "csv",
                                 *seeded])
    assert "PL02.I.1" in after.output


@pytest.mark.parametrize("module", [m.name for m in catalogue()])
def test_every_example_in_help_runs(seeded, module, tmp_path, monkeypatch):
    import shlex

    monkeypatch.chdir(tmp_path)  # examples that write a file write it here
    words = shlex.split(queries_module(module).example)[1:]
    result = CliRunner().invoke(main, [*words, *seeded])
    assert result.exit_code == 0, result.output


def test_readme_command_table_is_generated():
    from policykg.commands import table_of_commands

    assert table_of_commands() in (ROOT / "README.md").read_text("utf-8")


def test_a_numbered_series_of_parameters_is_one_header_line():
    from policykg.queries.runner import _parameters

    params = _parameters("$w0 … $w2 (string or null, default null): words,\n  the rarest first\n"
                         "$t0 … $t1 (integer, default 0): weights\n$limit (integer, default 20): rows")
    assert [(p.name, p.default, p.required) for p in params] == [
        ("w0", None, False), ("w1", None, False), ("w2", None, False), ("t0", 0, False), ("t1", 0, False),
        ("limit", 20, False)]
    assert params[2].help == "words, the rarest first"
