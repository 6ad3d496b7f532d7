"""DME-006 The Context Problem: the checks judge the data and the lineage, not the text of a fix.

Each overlay under python_tests/fixes/dme_006/<fix>/ mirrors repository paths and replaces
files of the shipped trap for one run of the etude's checks, on DuckDB and on PostgreSQL
(one scratch copy per engine, seeded once). Alternative correct fixes, written differently
from the reference solution, must pass every check; plausible wrong fixes must fail exactly
the checks named for them.

The lineage gate (`data_etudes.no_hardcoded_relations`) is also probed directly: the macro
behind it must report every way of reading a relation by name, and none of the legitimate
shapes a model takes.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from etudes_support import FIX_TARGETS, HERE, REPO, assert_fix_outcome, assert_fixes_stay_in_the_etude

from etudes.dbt_runner import DbtContext, DbtRunner
from etudes.engine import ScratchSession
from oracle.answers.dme_006_context_problem import settled_payments
from oracle.raw import RawTables
from oracle.shop import Shop

FIXES = HERE / "fixes" / "dme_006"
ETUDE = "DME-006"
PAYMENTS = "payments_match_known_answers"
DASHBOARD = "cash_dashboard_matches_known_answers"
RECONCILED = "dashboard_cash_reconciles_to_orders_paid"
CRM = "crm_export_matches_known_answers"
LINEAGE = "every_model_reads_through_ref_or_source"
CONSUMERS = "payments_consumers_are_declared"
FIGURES = frozenset({DASHBOARD, RECONCILED, CRM})

# fix -> exactly the checks that fail (empty: a correct fix, every check must pass)
CASES: dict[str, frozenset[str]] = {
    # Correct: ref() to staging with the package's dedupe (via a {% set %} variable), a dollar column added.
    "alt_staging_deduplicated_with_usd_column": frozenset(),
    # Correct: the dependants read a new dollar view of payments; the payments model as in the solution.
    "alt_dollar_view_for_dependants": frozenset(),
    # Wrong: lineage and exposures fixed, but the dependants still sum cents as dollars.
    "ref_without_adapting_dependants": FIGURES,
    # Wrong: the dependants divide by 100, the literal name (and the replays it lets through) stays.
    "divide_in_marts_keep_literal": FIGURES | {PAYMENTS, LINEAGE},
    # Wrong: every figure right, read by a literal name from the deduplicated model: only the gate sees it.
    "literal_to_deduplicated_model": frozenset({LINEAGE}),
    # Wrong: back to dollars: every dependant right again, finance's request undone.
    "revert_to_dollars": frozenset({PAYMENTS}),
    # Wrong: the consumers declared, nothing else changed.
    "exposures_only": FIGURES | {PAYMENTS, LINEAGE},
    # Wrong: ref() to the staged payments, dependants adapted, but the webhook replays count twice.
    "ref_staging_forgets_replays": FIGURES | {PAYMENTS},
    # Wrong: every figure right, but the exposures name the platform's marts, not what the consumers read.
    "exposures_on_the_marts_they_feed": frozenset({CONSUMERS}),
}


@pytest.fixture(params=FIX_TARGETS)
def session(request: pytest.FixtureRequest, etude_session) -> ScratchSession:
    return etude_session(request.param)


def test_the_trap_rests_on_eight_replays_and_a_hundredfold_unit() -> None:
    payments = settled_payments(Shop(RawTables(REPO / "seeds")))
    cents = sum(payment.amount_cents for payment in payments)
    assert (len(payments), cents) == (1478, 33_656_286)
    assert Decimal(cents) / 100 == Decimal("336562.86")


def test_every_fix_overlays_files_of_the_etude() -> None:
    assert_fixes_stay_in_the_etude(ETUDE, FIXES, CASES)


@pytest.mark.parametrize("fix", list(CASES))
def test_checks_judge_outcomes_not_text(session: ScratchSession, fix: str) -> None:
    must_fail = CASES[fix]
    run = assert_fix_outcome(session, ETUDE, FIXES, fix, must_fail, only=True)
    if LINEAGE in must_fail:
        gate = next(r for r in run.report.results if r.name == LINEAGE)
        assert gate.rows is not None and "relation_name" in gate.rows.columns, gate
        relation = gate.rows.rows[0][gate.rows.columns.index("relation_name")]
        written = "int_payments__deduplicated" if fix == "literal_to_deduplicated_model" else "stg_shop__payments"
        assert relation.startswith("{{ target.schema }}_") and relation.endswith(written), gate.rows


# --- the lineage gate's detector, probed on raw code -------------------------------------------

HARDCODED: dict[str, tuple[str, list[str]]] = {
    "schema from the target": (
        "select * from {{ target.schema }}_staging.stg_shop__payments",
        ["{{ target.schema }}_staging.stg_shop__payments"],
    ),
    "schema-qualified": (
        "with p as (select * from main_staging.stg_shop__payments) select * from p",
        ["main_staging.stg_shop__payments"],
    ),
    "quoted identifiers": (
        'select * from "main_staging"."stg_shop__payments" as p',
        ['"main_staging"."stg_shop__payments"'],
    ),
    "unqualified table that is no CTE": (
        "with a as (select 1 as id) select * from a join stg_shop__orders on true",
        ["stg_shop__orders"],
    ),
    "a var": ("select * from {{ var('payments_table') }}", ["{{ var('payments_table') }}"]),
    "a file path": ("select * from 'data/payments.csv'", ["'data/payments.csv'"]),
    "a ref with a suffix": ("select * from {{ ref('orders') }}_backup", ["{{ ref('orders') }}_backup"]),
    "a string built from the target, passed to a macro": (
        "select * from ({{ data_etudes.dedupe(target.schema ~ '_staging.stg_shop__payments', 'payment_id', 'x') }}) as p",
        ["target.schema ~ '_staging.stg_shop__payments'"],
    ),
    "a schema-qualified string passed to a macro": (
        "select * from ({{ data_etudes.dedupe('analytics.orders', 'order_id', 'x') }}) as o",
        ["'analytics.orders'"],
    ),
    "a model's name passed to a macro": (
        "with p as (select 1 as id) select * from ({{ data_etudes.dedupe('stg_shop__payments', 'id', 'x') }}) as d",
        ["'stg_shop__payments'"],
    ),
    "a join, reported once": (
        (
            "with a as (select * from {{ ref('a') }}) select * from a inner join analytics.customers as c "
            "on a.id = c.id union all select * from analytics.customers"
        ),
        ["analytics.customers"],
    ),
}

DECLARED: dict[str, str] = {
    "ref and source": "with a as (select * from {{ ref('a') }}), b as (select * from {{ source('s', 't') }}) "
    "select * from a left join b on a.id = b.id",
    "a variable set to a ref": "{% set p = ref('stg_shop__payments') %}\nselect * from {{ p }}",
    "from inside functions": "with x as (select * from {{ ref('a') }}) select extract(year from x.t) as y, "
    "substring(x.s from 2 for 3) as s, cast(coalesce(x.a, 0) as numeric(18, 2)) as z from x",
    "is distinct from": "with x as (select * from {{ ref('a') }}) select * from x where x.a is not distinct from x.b",
    "comments and strings": "-- read from main.payments\n/* join analytics.orders */\n{# from raw.x #}\n"
    "with y as (select * from {{ ref('a') }}) select 'from a.b' as s, '--' as d from y",
    "table functions and subqueries": "select * from unnest([1, 2]) as t(x) cross join generate_series(1, 3) as g(i) "
    "join (select * from {{ ref('a') }}) as sub on true join (values (1), (2)) as v(i) on true",
    "this, in an incremental model": "select * from {{ ref('a') }} {% if is_incremental() %} "
    "where t > (select max(t) from {{ this }}) {% endif %}",
    "a package macro around a ref": "with p as (select * from ({{ data_etudes.dedupe(ref('s'), 'id', 'x') }}) as d) "
    "select * from p",
    "a CTE whose body is a macro call": "with payments as ({{ data_etudes.dedupe(ref('stg_shop__payments'), "
    "'payment_id', 'loaded_at desc') }}), final as (select * from payments) select * from final",
    "strings naming a CTE and a column": "with stg_shop__payments as (select * from {{ ref('a') }}) "
    "select {{ dbt.concat(['d.payment_id', \"'-'\"]) }} as k "
    "from ({{ data_etudes.dedupe('stg_shop__payments', 'payment_id', 'x') }}) as d",
    "recursive and materialized CTEs": "with recursive r(n) as (select 1 union all select n + 1 from r where n < 3), "
    "m as materialized (select * from {{ ref('a') }}) "
    "select * from r cross join lateral (select 1) as l join m on true",
    "a CTE named in another case": "with Payments as (select * from {{ ref('a') }}) select * from payments",
}


@pytest.fixture(scope="module")
def detector(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """find_hardcoded_relations over every probe and every platform model, in one `dbt show` (DuckDB)."""
    work = tmp_path_factory.mktemp("dme_006_detector")
    context = DbtContext(
        project_dir=REPO,
        profiles_dir=REPO,
        target="duckdb",
        target_path=work / "target",
        log_path=work / "logs",
        env={"DATA_ETUDES_DUCKDB_PATH": str(work / "probe.duckdb"), "DATA_ETUDES_SCHEMA": "dme_006_probe"},
    )
    probes = {f"hardcoded: {name}": code for name, (code, _) in HARDCODED.items()}
    probes |= {f"declared: {name}": code for name, code in DECLARED.items()}
    template = (
        "{% set probes = " + json.dumps(probes) + " %}{% set found = {'probes': {}, 'platform': {}} %}"
        "{% for name, code in probes.items() %}"
        "{% do found['probes'].update({name: data_etudes.find_hardcoded_relations(code)}) %}"
        "{% endfor %}"
        "{% for node in graph.nodes.values() if node.resource_type == 'model' "
        "and node.original_file_path.split('/')[1] in ['staging', 'intermediate', 'marts'] %}"
        "{% do found['platform'].update("
        "{node.original_file_path: data_etudes.find_hardcoded_relations(node.raw_code)}) %}"
        "{% endfor %}"
        "select '{{ found | tojson | replace(\"'\", \"''\") }}' as found"
    )
    invocation, rows = DbtRunner(context).show(template, limit=1)
    assert invocation.success, invocation.describe_failure()
    return json.loads(rows.rows[0][0])


@pytest.mark.parametrize("name", list(HARDCODED))
def test_gate_reports_a_relation_read_by_name(detector: dict[str, dict[str, list[str]]], name: str) -> None:
    assert detector["probes"][f"hardcoded: {name}"] == HARDCODED[name][1]


@pytest.mark.parametrize("name", list(DECLARED))
def test_gate_accepts_declared_lineage(detector: dict[str, dict[str, list[str]]], name: str) -> None:
    assert detector["probes"][f"declared: {name}"] == []


def test_gate_finds_nothing_in_the_platform(detector: dict[str, dict[str, list[str]]]) -> None:
    """The platform's models are in the gate's scope for DME-006: they read everything through ref or source."""
    assert len(detector["platform"]) >= 20, detector["platform"]
    assert {path: found for path, found in detector["platform"].items() if found} == {}
