"""DME-006 The Context Problem: the oracle's account of the trap, and the lineage gate's detector.

The etude's alternative and wrong fixes are patches in the etude's .meta/fixes/, run by
test_etude_fixes.py. The lineage gate (`data_etudes.no_hardcoded_relations`) is also probed
directly: the macro behind it must report every way of reading a relation by name, and none of
the legitimate shapes a model takes.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from etudes_support import REPO

from etudes.dbt_runner import DbtContext, DbtRunner
from oracle.answers.dme_006_context_problem import settled_payments
from oracle.raw import RawTables
from oracle.shop import Shop


def test_the_trap_rests_on_nine_replays_and_a_hundredfold_unit() -> None:
    payments = settled_payments(Shop(RawTables(REPO / "seeds")))
    cents = sum(payment.amount_cents for payment in payments)
    assert (len(payments), cents) == (1482, 33_694_048)
    assert Decimal(cents) / 100 == Decimal("336940.48")


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
