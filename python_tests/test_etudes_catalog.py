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
    catalog = load_catalog(REPO / "etudes" / "catalog.toml")
    assert {e.id: (e.title, e.competency) for e in catalog.etudes} == EXPECTED_BOARD
    assert all(e.axiom for e in catalog.etudes)


@pytest.mark.parametrize("text", ["DME-003", "dme-003", "003", "3", " 3 ", "dme3", "DME-03"])
def test_ids_are_normalised(text: str) -> None:
    assert normalise_id(text) == "DME-003"


@pytest.mark.parametrize("text", ["", "0", "x", "DME-", "DME-1234", "-3", "dme_003"])
def test_bad_ids_are_rejected_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(UnknownEtude, match="DME-003, dme-003, 003 or 3"):
        normalise_id(text)


def test_unknown_id_names_the_known_range() -> None:
    catalog = load_catalog(REPO / "etudes" / "catalog.toml")
    with pytest.raises(UnknownEtude, match="no etude DME-012 .*DME-001..DME-011"):
        catalog.get("12")


def _fixture_data() -> dict[str, Any]:
    import tomllib

    return tomllib.loads((FIXTURE / "etudes" / "catalog.toml").read_text())


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
        (lambda d: d["etude"][0].update(folder="models/other"), "folder must be models/etudes/dme_001_"),
        (lambda d: d["etude"][1].update(id="DME-001"), "DME-001 is registered twice"),
        (lambda d: d["etude"][1].update(checks=["something_else"], failing_as_shipped=["something_else"]),
         r"scenarios \['rerun_leaves_each_order_once'\] must also be listed in checks"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][0].update(verb="explode"), "step 1: verb 'explode'"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][2].update(expect="success"), "contradicts"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][0].update(exepct="error"), r"unknown key\(s\) \['exepct'\]"),
        (lambda d: d["etude"][1]["scenario"][0]["step"][3]["assert"][0].update(tests=["t"]), "not both or neither"),
        (lambda d: d.update(etudes=[]), r"unknown key\(s\) \['etudes'\]"),
    ],
)
def test_validation_says_what_and_where(mutate, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        _parse(_broken(mutate))


def test_unavailable_etudes_need_only_the_board_fields() -> None:
    data = {"etude": [{"id": "5", "slug": "x", "title": "T", "competency": "recovery patterns",
                       "severity": "low", "axiom": "A", "available": False}]}  # fmt: skip
    etude = _parse(data).get("DME-005")
    assert etude.folder == "models/etudes/dme_005_x" and not etude.available


def test_invalid_toml_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text("[[etude]\n")
    with pytest.raises(CatalogError, match="not valid TOML"):
        load_catalog(path)


def test_competencies_cover_the_catalog() -> None:
    assert {c for _, c in EXPECTED_BOARD.values()} <= COMPETENCIES
