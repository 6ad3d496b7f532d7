"""Unit tests of the catalog: the real one, id normalisation, and validation messages."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from etudes_support import FIXTURE, REPO

from etudes.catalog import COMPETENCIES, load_catalog, normalise_id, parse_catalog
from etudes.errors import CatalogError, UnknownEtude

EXPECTED_BOARD = {
    "DME-001": ("The Schema Design", "specification writing"),
    "DME-002": ("Migration Safety", "output evaluation"),
    "DME-003": ("The Query Review", "output evaluation"),
    "DME-004": ("Pipeline Specification", "specification writing"),
    "DME-005": ("Data Quality Gates", "feedback loop design"),
    "DME-006": ("The Context Problem", "context engineering"),
    "DME-007": ("Idempotency and Recovery", "recovery patterns"),
    "DME-008": ("Performance at Scale", "output evaluation"),
    "DME-009": ("The Access Pattern", "architecture for agents"),
    "DME-010": ("Data Governance", "specification writing"),
    "DME-011": ("The Capstone", "end-to-end review"),
}


def test_real_catalog_registers_all_eleven_etudes() -> None:
    """The eleven are there as the board names them; a twelfth (`etudes new`) needs no change here."""
    catalog = load_catalog(REPO)
    assert {e.id: (e.title, e.competency) for e in catalog.etudes if e.id in EXPECTED_BOARD} == EXPECTED_BOARD
    assert all(e.axiom for e in catalog.etudes)


@pytest.mark.parametrize("text", ["DME-003", "dme-003", "003", "3", " 3 ", "dme3", "DME-03"])
def test_ids_are_normalised(text: str) -> None:
    assert normalise_id(text) == "DME-003"


@pytest.mark.parametrize("text", ["", "0", "x", "DME-", "DME-1234", "-3", "dme_003"])
def test_bad_ids_are_rejected_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(UnknownEtude, match="DME-003, dme-003, 003 or 3"):
        normalise_id(text)


def test_unknown_id_names_the_known_range() -> None:
    catalog = load_catalog(REPO)
    with pytest.raises(UnknownEtude, match="no etude DME-012 .*DME-001..DME-011"):
        catalog.get("12")


def _fixture_data() -> dict[str, Any]:
    import tomllib

    entries = sorted((FIXTURE / "models" / "etudes").glob("*/.meta/etude.toml"))
    return {"etude": [tomllib.loads(path.read_text()) for path in entries]}


def _parse(data: dict[str, Any]):
    return parse_catalog(data, Path("catalog.toml"))


def test_fixture_catalog_parses_scenarios() -> None:
    catalog = _parse(_fixture_data())
    reload = catalog.get("2")
    scenario = reload.scenario("rerun_leaves_each_order_once")
    assert [s.verb for s in scenario.steps] == ["run"] * 4
    assert scenario.steps[0].full_refresh and scenario.steps[0].vars == {"batch": 1}
    assert scenario.steps[2].expect_failed == frozenset({"orders_loaded"})
    assert scenario.steps[2].expect == "error"
    assert [a.name for a in scenario.steps[3].assertions] == ["each_order_once", "all_orders_loaded"]
    assert reload.test_checks == ()
    assert catalog.get("1").select == ("+path:models/etudes/dme_001_revenue",)
    assert catalog.get("1").owned_paths == ("models/etudes/dme_001_revenue", "tests/etudes/dme_001")
    assert not catalog.get("3").available


def _broken(mutate) -> dict[str, Any]:
    data = copy.deepcopy(_fixture_data())
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["etude"][0].update(hints=["one", "two"]), "DME-001: hints must hold exactly 3"),
        (lambda d: d["etude"][0].update(failing_as_shipped=["nope"]), r"failing_as_shipped names \['nope'\]"),
        (lambda d: d["etude"][0].update(failing_as_shipped=[]), "failing_as_shipped must name at least one"),
        (lambda d: d["etude"][0].update(colour="red"), r"DME-001: unknown key\(s\) \['colour'\]"),
        (lambda d: d["etude"][0].update(competency="vibes"), "competency 'vibes' is not one of"),
        (lambda d: d["etude"][0].update(severity="huge"), "severity 'huge'"),
        (lambda d: d["etude"][0].pop("explanation"), "'explanation' is required"),
        (lambda d: d["etude"][0].update(folder="models/other"), "the folder of DME-001 'revenue' must be models/etudes/dme_001_revenue, not models/other"),
        (lambda d: d["etude"][1].update(id="DME-001"), "DME-001 is registered twice"),
        (lambda d: d["etude"][1].update(checks=["something_else"], failing_as_shipped=["something_else"]),
         r"scenarios \['rerun_leaves_each_order_once'\] must also be listed in checks"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][0].update(verb="explode"), "step 1: verb 'explode'"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][2].update(expect="success"), "contradicts"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][0].update(exepct="error"), r"unknown key\(s\) \['exepct'\]"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][3]["assert"][0].update(tests=["t"]), "not both or neither"),
        (lambda d: d.update(etudes=[]), r"unknown key\(s\) \['etudes'\]"),
        (lambda d: d.update(project_checks=["one_row_per_customer"]),
         r"DME-001: checks names \['one_row_per_customer'\], which project_checks runs for every etude already"),
        (lambda d: d.update(project_checks=["Not A Name"]), "'Not A Name' is not a dbt node name"),
    ],
)
def test_validation_says_what_and_where(mutate, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        _parse(_broken(mutate))


def test_project_checks_run_after_every_etudes_own() -> None:
    catalog = _parse({**_fixture_data(), "project_checks": ["no_model_reads_the_known_answers"]})
    etude = catalog.get("1")
    assert etude.all_checks == (*etude.checks, "no_model_reads_the_known_answers")
    assert etude.test_checks[-1] == "no_model_reads_the_known_answers"
    assert catalog.get("2").test_checks == ("no_model_reads_the_known_answers",)  # its own checks are scenarios
    assert "no_model_reads_the_known_answers" not in etude.failing_as_shipped


def test_unavailable_etudes_need_only_the_board_fields() -> None:
    data = {"etude": [{"id": "5", "slug": "x", "title": "T", "competency": "recovery patterns",
                       "severity": "low", "axiom": "A", "available": False}]}  # fmt: skip
    etude = _parse(data).get("DME-005")
    assert etude.folder == "models/etudes/dme_005_x" and not etude.available


def _project_with_entry(root: Path, folder: str, text: str) -> Path:
    (root / "etudes").mkdir(parents=True)
    (root / "etudes" / "project.toml").write_text("project_checks = []\n")
    entry = root / "models" / "etudes" / folder / ".meta" / "etude.toml"
    entry.parent.mkdir(parents=True)
    entry.write_text(text)
    return root


def test_invalid_toml_is_one_clear_error_naming_the_file(tmp_path: Path) -> None:
    root = _project_with_entry(tmp_path, "dme_001_revenue", "[[scenario]\n")
    with pytest.raises(CatalogError, match=r"models/etudes/dme_001_revenue/\.meta/etude\.toml: not valid TOML"):
        load_catalog(root)


def test_an_etude_is_found_by_its_folder_and_must_be_named_after_it(tmp_path: Path) -> None:
    entry = (FIXTURE / "models/etudes/dme_001_revenue/.meta/etude.toml").read_text()
    root = _project_with_entry(tmp_path / "named", "dme_001_revenue", entry)
    etude = load_catalog(root).get("1")
    assert etude.folder == "models/etudes/dme_001_revenue"
    assert etude.owned_paths == ("models/etudes/dme_001_revenue", "tests/etudes/dme_001")
    misnamed = _project_with_entry(tmp_path / "misnamed", "dme_001_revenues", entry)
    with pytest.raises(CatalogError, match=r"dme_001_revenues/\.meta/etude\.toml: DME-001: the folder of DME-001 "
                       "'revenue' must be models/etudes/dme_001_revenue, not models/etudes/dme_001_revenues"):
        load_catalog(misnamed)
    placed = _project_with_entry(tmp_path / "placed", "dme_001_revenue", entry + 'folder = "models/x"\n')
    with pytest.raises(CatalogError, match="no `folder` key: the etude's folder is the one holding this file"):
        load_catalog(placed)
    empty = tmp_path / "empty"
    (empty / "etudes").mkdir(parents=True)
    (empty / "etudes" / "project.toml").write_text("")
    with pytest.raises(CatalogError, match="no etude under models/etudes/: each etude's folder holds .meta/etude.toml"):
        load_catalog(empty)


def test_competencies_cover_the_catalog() -> None:
    assert {c for _, c in EXPECTED_BOARD.values()} <= COMPETENCIES


# --- scenarios that apply on some targets only, and assertions that must fail (DME-010) ----------


def _with_reader_scenario(data: dict[str, Any]) -> None:
    scenario = data["etude"][1]["scenario"][0]
    scenario["targets"] = ["postgres"]
    scenario["step"][3]["assert"].append(
        {"name": "reader_is_refused", "sql": "select 1 from {{ ref('orders') }}", "expect_error": "permission denied"}
    )


def test_scenario_targets_and_expected_errors_parse() -> None:
    scenario = _parse(_broken(_with_reader_scenario)).get("2").scenario("rerun_leaves_each_order_once")
    assert scenario.targets == frozenset({"postgres"})
    assert scenario.applies_to("postgres") and not scenario.applies_to("duckdb")
    assertion = scenario.steps[3].assertions[-1]
    assert assertion.expect_error == "permission denied"
    assert scenario.steps[3].assertions[0].expect_error is None
    plain = _parse(_fixture_data()).get("2").scenario("rerun_leaves_each_order_once")
    assert plain.targets == frozenset() and plain.applies_to("duckdb") and plain.applies_to("postgres")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["etude"][1]["scenario"][0].update(targets=["oracle"]), r"targets \['oracle'\] are not among"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][3]["assert"][0].update(
            sql=None, tests=["t"], expect_error="denied"), "expect_error applies to an sql assertion only"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][3]["assert"][1].update(expect_error=""),
         "'expect_error' is required and must be a non-empty string"),
    ],
)
def test_target_and_expected_error_validation(mutate, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        _parse(_broken(mutate))


class _FakeRunner:
    """Stands in for DbtRunner: a target, and a canned answer to `dbt show`."""

    def __init__(self, target: str, show_error: str | None = None, rows: tuple = ()) -> None:
        from types import SimpleNamespace

        self.context = SimpleNamespace(target=target)
        self.show_error = show_error
        self.rows = rows
        self.invoked: list[str] = []

    def invoke(self, verb, *args, **kwargs):
        from etudes.dbt_runner import Invocation

        self.invoked.append(verb)
        return Invocation((verb,), True, None, (), 0.0)

    def show(self, sql, limit, variables=None, env=None):
        from etudes.dbt_runner import Invocation
        from etudes.warehouse import Rows

        self.invoked.append("show")
        invocation = Invocation(("show",), self.show_error is None, self.show_error, (), 0.0)
        return invocation, Rows(("x",), self.rows)


def _reader_etude():
    return _parse(_broken(_with_reader_scenario)).get("2")


def test_a_scenario_for_another_target_is_not_applicable_and_never_runs() -> None:
    from etudes.results import EtudeReport
    from etudes.scenarios import run_scenario

    etude = _reader_etude()
    runner = _FakeRunner("duckdb")
    result = run_scenario(etude, etude.scenarios[0], runner, warehouse=None)
    assert runner.invoked == []
    assert not result.applicable and not result.passed
    assert result.expected == "applies on postgres only" and result.actual == "not run on duckdb"
    report = EtudeReport("DME-002", "duckdb", (result,))
    assert report.passed and report.failed == frozenset()
    assert report.not_applicable == frozenset({"rerun_leaves_each_order_once"})


@pytest.mark.parametrize(
    ("show_error", "rows", "passes", "actual"),
    [
        ("permission denied for table orders", (), True, ""),
        ("Database Error: PERMISSION DENIED for schema x", (), True, ""),
        ('relation "orders" does not exist', (), False, "it failed otherwise: relation"),
        (None, ((1,),), False, "the query succeeded (1 row)"),
    ],
)
def test_an_assertion_that_must_fail_passes_only_on_the_named_error(show_error, rows, passes, actual) -> None:
    from etudes.catalog import Assertion, Scenario, Step
    from etudes.scenarios import run_scenario

    assertion = Assertion(name="reader_is_refused", sql="select 1", expect_error="permission denied")
    scenario = Scenario(
        name="rerun_leaves_each_order_once",
        steps=(Step(verb="compile", assertions=(assertion,)),),
        targets=frozenset({"postgres"}),
    )
    runner = _FakeRunner("postgres", show_error=show_error, rows=rows)
    result = run_scenario(_reader_etude(), scenario, runner, warehouse=None)
    assert runner.invoked == ["compile", "show"]
    assert result.applicable
    assert result.passed is passes, result
    if not passes:
        assert "the query fails with 'permission denied'" in result.expected
        assert actual in result.actual
