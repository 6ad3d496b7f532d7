"""The package's integration suite (integration_tests/) on DuckDB and PostgreSQL, with dbt 1.11
(the project's own, in this process) and dbt 1.10 (the oldest the package supports, as a command),
and on Spark with dbt 1.11 (`make install-spark`): a Spark session in this process, started once
(about 15 s) and kept warm for every command of the leg.

For each engine and dbt version:
1. `dbt build` of every fixture, known answer and must-pass test succeeds;
2. every must-fail test fails (tag must_fail) and every must-warn test warns
   (tag must_warn), storing its failing rows;
3. every stored set of failing rows equals its expected-failures seed (tag
   failure_check), and every must-fail test has such a check;
4. a second, incremental run of ka_incremental_window reprocesses only the
   lookback window;
and, on DuckDB, wrong arguments fail at compile time naming the test and argument,
and a `where` config on a graph test is a compile error.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from etudes_support import (
    DBT_VERSIONS,
    PROJECT_DBT,
    dbt_executable,
    drop_postgres_schemas,
    invoke_reading_errors,
    isolated_runner,
    require_spark,
    require_target,
)

from etudes.dbt_runner import Invocation, NodeResult

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "integration_tests"
SETUP_TAGS = ["tag:must_fail", "tag:must_warn", "tag:failure_check", "tag:incremental_second_pass"]

# Tests of this file that do not pass yet on an engine, with what is wrong: expected to fail there
# (strict: a pass says the entry is stale). Measured 2026-12-03 on Spark 4.0.1, dbt-spark 1.11.0.
NOT_YET_PASSING = {
    "spark": {
        "test_failing_rows_equal_the_expected_failures": (
            "15 checks do not pass: 6 graph gates' stored failures are not found (TABLE_OR_VIEW_NOT_FOUND), "
            "9 stored sets differ (ak_relations_match, ak_rows_accounted_for, column_types_are, which sees "
            "Spark's `int`, no_pii_values and its 2 shapes cases, relations_match_where, rows_accounted_for_where)"
        ),
        "test_naive_timestamps_are_judged_alike_in_a_non_utc_session": (
            "Spark's timestamp is an instant shown in the session's zone: recency, retention and the "
            "gate on tz_naive_events and tz_aware_events change verdict in America/Los_Angeles"
        ),
        "test_timezone_on_a_column_with_a_time_zone_is_an_error": (
            "Spark names its instant type `timestamp`, which _is_timezone_aware reads as naive"
        ),
    },
}


@pytest.fixture(autouse=True)
def not_yet_passing(request) -> None:
    callspec = getattr(request.node, "callspec", None)
    engine = callspec.params.get("project", ("",))[0] if callspec else ""
    reason = NOT_YET_PASSING.get(engine, {}).get(request.node.originalname)
    if reason:
        request.node.add_marker(pytest.mark.xfail(reason=f"not yet on {engine}: {reason}", strict=True))


class IntegrationProject:
    """Runs dbt in-process against the integration project on one engine."""

    def __init__(self, tmp: Path, env: dict[str, str], executable: Path | None = None) -> None:
        self.runner = isolated_runner(PROJECT, PROJECT, env["DATA_ETUDES_TARGET"], tmp, env, executable)
        # `--exclude` selectors of what this engine cannot run (UNSUPPORTED, NOT_YET_PORTED).
        engine = self.engine = env["DATA_ETUDES_TARGET"]
        self.unsupported = [f"test_name:{name}" for name in UNSUPPORTED.get(engine, {})]
        self.unsupported += list(NOT_YET_PORTED.get(engine, {}))

    def excluding_unsupported(self, *args: str) -> tuple[str, ...]:
        return (*args, "--exclude", *self.unsupported) if self.unsupported else args

    def skip_if_not_ported(self, selector: str) -> None:
        reason = NOT_YET_PORTED.get(self.engine, {}).get(selector)
        if reason:
            pytest.skip(f"{selector} is not yet ported to {self.engine}: {reason}")

    def outcomes(self, verb: str, *args: str) -> tuple[Invocation, tuple[NodeResult, ...]]:
        result = self.runner.invoke(verb, args=args)
        assert result.error is None, f"dbt {verb} crashed: {result.error}"
        return result, result.nodes

    def failure(self, verb: str, *args: str, variables: dict[str, str] | None = None) -> str:
        """Run a command that must fail; what dbt reported about it."""
        result, reported = invoke_reading_errors(self.runner, verb, *args, variables=variables)
        assert not result.success, f"dbt {verb} succeeded: {reported}"
        return reported


@pytest.fixture(scope="module")
def deps(tmp_path_factory) -> None:
    result = isolated_runner(PROJECT, PROJECT, "duckdb", tmp_path_factory.mktemp("pkg_it_deps"), {}).deps()
    assert result.success, f"dbt deps failed: {result.error}"


ENGINES_AND_VERSIONS = [(engine, version) for version in DBT_VERSIONS for engine in ("duckdb", "postgres")]
# Spark only with the project's dbt: the dbt 1.10 installation holds no dbt-spark.
ENGINES_AND_VERSIONS.append(("spark", PROJECT_DBT))

# Tests that cannot mean anything on an engine, which refuse to compile there with a one-line reason:
# the suite leaves them out there by their test name (dbt's test_name: selector), and only there.
UNSUPPORTED = {
    "spark": {
        "plan_forbids": "judges index and range scans in a query plan; Spark has neither",
    },
}
# Fixtures not yet written for an engine: dbt selectors (a node and, with +, what depends on it)
# left out there, each with what is missing. Work to do, not a verdict on the package.
ANSI_QUOTES = 'names columns in ANSI double quotes ("Order ID"), a string on Spark: dbt-spark turns ANSI mode off'
NOT_YET_PORTED = {
    "spark": {
        "ka_incremental_window+": "delete+insert, which Spark's Hive tables do not have",
        "ka_incremental_window_zoned+": "delete+insert, which Spark's Hive tables do not have",
        "gg_orders+": "its contract declares `text`, a type Spark does not have",
        # The model only: the graph tests on it read the project, not the table.
        "gg_hardcoded": 'reads "<schema>".fx_customers, a string on Spark (see fx_mixed_case+)',
        "fx_mixed_case+": ANSI_QUOTES,
        "ef_mf_accepted_range_mixed_case+": ANSI_QUOTES,
        "ef_mf_null_rate_mixed_case+": ANSI_QUOTES,
        "ef_mf_quality_gate_mixed_case+": ANSI_QUOTES,
    },
}


@pytest.fixture(
    scope="module", params=ENGINES_AND_VERSIONS, ids=[f"{engine}-dbt{version}" for engine, version in ENGINES_AND_VERSIONS]
)
def project(request, deps, tmp_path_factory) -> Iterator[IntegrationProject]:
    engine, version = request.param
    executable = dbt_executable(version)
    tmp = tmp_path_factory.mktemp(f"pkg_it_{engine}_{version.replace('.', '_')}")
    env = {"DATA_ETUDES_TARGET": engine, "DATA_ETUDES_PII_KEY": ""}
    schema = ""
    if engine == "duckdb":
        env["DATA_ETUDES_DUCKDB_PATH"] = str(tmp / "integration_tests.duckdb")
        env["DATA_ETUDES_SCHEMA"] = "main"
    elif engine == "spark":
        require_spark()
        # The session's tables and metastore, under this run's temporary folder (gone with it).
        env["DATA_ETUDES_SPARK_DIR"] = str(tmp / "spark")
        env["DATA_ETUDES_SCHEMA"] = f"pkg_it_{uuid.uuid4().hex[:8]}"
    else:
        require_target(engine)
        schema = f"pkg_it_{uuid.uuid4().hex[:8]}"
        env["DATA_ETUDES_SCHEMA"] = schema
    yield IntegrationProject(tmp, env, executable)
    if schema:
        drop_postgres_schemas(schema)


@pytest.fixture(scope="module")
def built(project: IntegrationProject) -> IntegrationProject:
    result, outcomes = project.outcomes("build", "--exclude", *SETUP_TAGS, *project.unsupported)
    # dbt 1.10+ "builds" an exposure as a no-op node: nothing ran, nothing broke.
    broken = [f"{o.name}: {o.status} {o.message}" for o in outcomes if o.status not in ("success", "pass", "no-op")]
    assert not broken, "the integration build failed:\n" + "\n".join(broken)
    assert result.success
    return project


@pytest.fixture(scope="module")
def must_fail_outcomes(built: IntegrationProject) -> tuple[NodeResult, ...]:
    _, outcomes = built.outcomes("test", *built.excluding_unsupported("--select", "tag:must_fail", "tag:must_warn"))
    return outcomes


def test_build_passes_every_fixture_and_known_answer(built: IntegrationProject) -> None:
    # The fixture `built` asserts that every node of the build succeeded.
    assert built is not None


def test_must_fail_tests_fail_and_must_warn_tests_warn(must_fail_outcomes: tuple[NodeResult, ...]) -> None:
    assert len([o for o in must_fail_outcomes if "must_fail" in o.tags]) >= 30
    wrong = [
        f"{o.name}: expected {'fail' if 'must_fail' in o.tags else 'warn'}, got {o.status} ({o.message})"
        for o in must_fail_outcomes
        if o.status != ("fail" if "must_fail" in o.tags else "warn")
    ]
    assert not wrong, "\n".join(wrong)


def test_failing_rows_equal_the_expected_failures(
    built: IntegrationProject, must_fail_outcomes: tuple[NodeResult, ...]
) -> None:
    _, checks = built.outcomes("test", *built.excluding_unsupported("--select", "tag:failure_check"))
    wrong = [f"{o.name}: {o.status} ({o.message})" for o in checks if o.status != "pass"]
    assert not wrong, "stored failing rows differ from seeds/expected_failures:\n" + "\n".join(wrong)
    checked = {o.name.removeprefix("check_") for o in checks}
    must_fail = {o.name for o in must_fail_outcomes if "must_fail" in o.tags}
    assert must_fail == checked, f"without an expected-failures seed: {sorted(must_fail - checked)}"


# A PostgreSQL session whose time zone is not UTC: the newest loaded value is written with its
# offset (+05:30) and must read back as the same instant. (psycopg2 sets DateStyle to ISO itself.)
NON_UTC_SESSION = {"PGOPTIONS": "-c timezone=Asia/Kolkata"}


def test_incremental_window_reprocesses_only_the_lookback(built: IntegrationProject) -> None:
    models = ("ka_incremental_window", "ka_incremental_window_zoned")
    for model in models:
        built.skip_if_not_ported(f"{model}+")
    result = built.runner.invoke("run", select=models, env=NON_UTC_SESSION)
    assert result.success, result.describe_failure()
    result, outcomes = built.outcomes("test", "--select", "tag:incremental_second_pass")
    assert [o.status for o in outcomes] == ["pass"], outcomes


# A session in America/Los_Angeles on both engines. recency and retention read a naive column as UTC,
# or as the wall clock of the zone their `timezone` names, and a UTC `as_of` against a tz-aware column
# as that instant, never in the session's zone: the cases tagged naive_timezone
# (integration_tests/models/fixtures/_timezone__tests.yml) give the same verdicts and the same failing
# rows as in the UTC run.
LOS_ANGELES_SESSION = {
    "PGOPTIONS": "-c timezone=America/Los_Angeles",
    "DATA_ETUDES_DUCKDB_TIMEZONE": "America/Los_Angeles",
    "DATA_ETUDES_SPARK_TIMEZONE": "America/Los_Angeles",
}


def test_naive_timestamps_are_judged_alike_in_a_non_utc_session(
    built: IntegrationProject, must_fail_outcomes: tuple[NodeResult, ...]
) -> None:
    result = built.runner.invoke("test", select=["tag:naive_timezone"], env=LOS_ANGELES_SESSION)
    verdicts = {o.name: o.status for o in result.nodes}
    expected = {o.name: "fail" if "must_fail" in o.tags else "pass" for o in result.nodes}
    assert len(verdicts) == 11 and sum(v == "fail" for v in expected.values()) == 6, verdicts
    assert verdicts == expected
    result = built.runner.invoke("test", select=["tag:naive_timezone_check"], env=LOS_ANGELES_SESSION)
    assert [o.status for o in result.nodes] == ["pass"] * 6, [(o.name, o.status, o.message) for o in result.nodes]


def test_timezone_on_a_column_with_a_time_zone_is_an_error(built: IntegrationProject) -> None:
    # Only a built column shows its type: a tz-aware column holds instants, a wall-clock zone would be ignored.
    call = "data_etudes.test_retention(ref('fx_events'), 'event_at_tz', 1, none, 'America/Los_Angeles')"
    reported = built.failure("compile", "--inline", f"{{{{ {call} }}}}")
    assert "argument `timezone` (America/Los_Angeles) is for a naive timestamp column; `event_at_tz`" in reported, reported


BAD_ARGUMENTS = [
    ("test_null_rate(ref('fx_orders'), 'amount_usd', 2)", "null_rate: argument `max_rate`"),
    ("test_accepted_range(ref('fx_orders'), 'amount_usd')", "accepted_range: argument `min_value/max_value`"),
    ("test_join_cardinality(ref('fx_orders'), ref('fx_customers'), 'customer_id', 'one_to_few')",
     "join_cardinality: argument `expected` accepts one of one_to_one"),
    ("test_join_cardinality(ref('fx_orders'), ref('fx_customers'))", "join_cardinality: argument `field` accepts a non-empty string"),
    ("test_rows_accounted_for(ref('fx_orders'), ref('fx_orders_clean'), 'order_id')",
     "rows_accounted_for: argument `outputs`"),
    ("test_unique_combination(ref('fx_orders'), [], 'equal')", "unique_combination: argument `columns`"),
    ("test_quality_gate(ref('fx_orders'), [{'rule': 'not_empty', 'column': 'x'}])",
     "quality_gate: argument `rules[0].rule`"),
    ("mask_pii('email', 'rot13')", "mask_pii: argument `strategy`"),
    ("generate_rows(-1)", "generate_rows: argument `n`"),
    ("dedupe(ref('fx_versions'), 'entity_id', '')", "dedupe: argument `order_by`"),
    ("dedupe('select * from fx_versions', 'entity_id', 'updated_at desc')",
     "dedupe: argument `relation` accepts a relation such as ref('stg_orders'), or the name of a CTE"),
    ("test_retention(ref('fx_orders'), 'ordered_at', 30, '2025-02-30')", "retention: argument `as_of` accepts a UTC date"),
    ("test_retention(ref('fx_orders'), 'ordered_at', 30, 20250701)", "retention: argument `as_of` accepts a UTC date"),
    ("test_recency(ref('fx_orders'), 'ordered_at', 1, 'day', none, '')", "recency: argument `as_of` accepts a UTC date"),
    ("test_reaches_exposures(ref('fx_orders'), 'gg_orders_dashboard', 'yes')",
     "reaches_exposures: argument `direct` accepts true or false"),
    ("test_known_answers_out_of_reach(ref('fx_orders'), [])", "known_answers_out_of_reach: argument `seed_paths`"),
    ("test_known_answers_out_of_reach(ref('fx_orders'), 'seeds/nowhere')",
     "known_answers_out_of_reach: no seed of the project is under seeds/nowhere"),
    ("test_recency(ref('fx_orders'), 'ordered_at', 1, 'day', none, none, 'Pacific Time')",
     "recency: argument `timezone` accepts an IANA time zone name"),
    ("test_retention(ref('fx_orders'), 'ordered_at', 30, none, -7)", "retention: argument `timezone` accepts an IANA time zone name"),
    ("test_quality_gate(ref('fx_orders'), [{'rule': 'recency', 'column': 'ordered_at', 'max_age': 1, 'timezone': 'PST8'}])",
     "quality_gate: argument `rules[0].timezone` accepts an IANA time zone name"),
    ("test_no_pii_values(ref('fx_pii_values'), none, 42)", "no_pii_values: argument `known_emails` accepts a relation"),
    ("test_no_pii_values(ref('fx_pii_values'), none, ref('pii_known_emails'), '')",
     "no_pii_values: argument `known_emails_column` accepts a non-empty string"),
    ("test_recency(ref('fx_orders'), 'ordered_at', 1, ignore_time_component='yes')",
     "recency: argument `ignore_time_component` accepts true or false"),
    ("test_null_rate(ref('fx_orders'), 'amount_usd')", "null_rate: argument `max_rate/min_rate` accepts at least one bound"),
    ("test_null_rate(ref('fx_orders'), 'amount_usd', 0.2, none, 0.5)", "null_rate: argument `min_rate` accepts a number >= 0 <= 0.2"),
    ("test_equals_expected(ref('fx_orders'), ref('fx_orders_expected'), ['order_id'], 0, 'notes')",
     "equals_expected: argument `exclude_columns` accepts names of compared columns"),
    ("test_expression_is_true(ref('fx_orders'), '')", "expression_is_true: argument `expression` accepts a non-empty string"),
    ("test_in_accepted_values(ref('fx_orders'), 'status', 'shipped')", "in_accepted_values: argument `values` accepts a non-empty list"),
    ("test_in_accepted_values(ref('fx_orders'), 'status', ['shipped', none])",
     "in_accepted_values: argument `values` accepts a list of values without null"),
    ("test_not_accepted_values(ref('fx_orders'), 'status', ['lost'], 'no')", "not_accepted_values: argument `quote` accepts true or false"),
    ("test_not_constant(ref('fx_orders'), 'status', {'a': 1})", "not_constant: argument `group_by`"),
    ("test_at_least_one(ref('fx_orders'), 'status', [1])", "at_least_one: argument `group_by`"),
    ("test_row_count_between(ref('fx_orders'))", "row_count_between: argument `min_value/max_value` accepts at least one bound"),
    ("test_row_count_between(ref('fx_orders'), 5, 2)", "row_count_between: argument `max_value` accepts a number >= min_value"),
    ("test_row_count_between(ref('fx_orders'), 1.5)", "row_count_between: argument `min_value` accepts a whole number"),
    ("test_fewer_rows_than(ref('fx_orders'), '')", "fewer_rows_than: argument `compare_model`"),
    ("test_relationships_where(ref('fx_orders'), 'customer_id', ref('fx_customers'), none)",
     "relationships_where: argument `field` accepts a non-empty string"),
    ("test_relationships_where(ref('fx_orders'), 'customer_id', ref('fx_customers'), 'customer_id', 1)",
     "relationships_where: argument `from_condition` accepts a non-empty string"),
    ("test_mutually_exclusive_ranges(ref('peer_ranges'), 'lower_bound', 'upper_bound', none, 'sometimes')",
     "mutually_exclusive_ranges: argument `gaps` accepts one of allowed, not_allowed, required"),
    ("test_mutually_exclusive_ranges(ref('peer_ranges'), none, 'upper_bound')",
     "mutually_exclusive_ranges: argument `lower_bound_column` accepts a non-empty string"),
    ("test_sequential_values(ref('peer_sequence'), 'step_date', 1, 'fortnight')",
     "sequential_values: argument `datepart` accepts one of second"),
    ("test_sequential_values(ref('peer_sequence'), 'step_number', 'one')", "sequential_values: argument `interval` accepts a number"),
    ("test_column_types_are(ref('peer_typed'), ['item_id'])", "column_types_are: argument `column_types` accepts a non-empty mapping"),
    ("test_column_types_are(ref('peer_typed'), {'item_id': []})",
     "column_types_are: argument `column_types.item_id` accepts a type or a non-empty list of types"),
]


@pytest.fixture(scope="module")
def parsed(deps, tmp_path_factory) -> IntegrationProject:
    """The project on DuckDB, unbuilt: argument checks happen at parse time."""
    tmp = tmp_path_factory.mktemp("pkg_it_parse")
    return IntegrationProject(
        tmp,
        {
            "DATA_ETUDES_TARGET": "duckdb",
            "DATA_ETUDES_DUCKDB_PATH": str(tmp / "parse_only.duckdb"),
            "DATA_ETUDES_SCHEMA": "main",
        },
    )


@pytest.mark.parametrize(("call", "message"), BAD_ARGUMENTS, ids=[c.split("(")[0] for c, _ in BAD_ARGUMENTS])
def test_wrong_arguments_fail_at_compile_time(call: str, message: str, parsed: IntegrationProject) -> None:
    reported = parsed.failure("compile", "--inline", f"{{{{ data_etudes.{call} }}}}")
    assert message in reported, reported


GRAPH_TESTS = [
    ("test_no_hardcoded_relations(ref('fx_orders'), 'models')", "use `paths` to choose models"),
    ("test_known_answers_out_of_reach(ref('fx_orders'))", "use `paths` to choose models"),
    ("test_reaches_exposures(ref('fx_orders'), 'gg_orders_dashboard')", "declare the test on the model to judge"),
    ("test_public_models_have_contracts(ref('fx_orders'), 'models')", "use `paths` to choose models"),
    ("test_reads_only_public_models(ref('fx_orders'), 'models')", "use `paths` to choose models"),
    ("test_is_private_to_group(ref('fx_orders'))", "declare the test on the model to judge"),
]


@pytest.mark.parametrize(("call", "fix"), GRAPH_TESTS, ids=[c.split("(")[0] for c, _ in GRAPH_TESTS])
def test_graph_tests_refuse_a_where_config(call: str, fix: str, parsed: IntegrationProject) -> None:
    # A graph test reads the project, not rows: `where` would be silently ignored.
    reported = parsed.failure("compile", "--inline", f"{{{{ config(where='order_id > 1') }}}}{{{{ data_etudes.{call} }}}}")
    name = call.removeprefix("test_").split("(")[0]
    assert f"data_etudes.{name}: config `where` (order_id > 1) cannot apply" in reported, reported
    assert fix in reported, reported


def test_keyed_hash_without_a_key_fails_at_compile_time(parsed: IntegrationProject) -> None:
    reported = parsed.failure(
        "compile", "--inline", "select {{ data_etudes.mask_pii('email') }} from {{ ref('fx_orders') }}",
        variables={"data_etudes__pii_hash_key": ""},
    )
    assert "DATA_ETUDES_PII_KEY" in reported and "data_etudes__pii_hash_key" in reported, reported
