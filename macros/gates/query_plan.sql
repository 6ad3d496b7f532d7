{#- plan_forbids: the query plan reads `relation` selectively, never by a full scan.

    At execution time the test runs EXPLAIN on `query` (default: select * from the
    model, which for a view is the view's own query, inlined by the planner) and
    returns one failing row per place the plan reads `relation` in a forbidden way:
    - PostgreSQL: a node of `forbidden_nodes` (default Seq Scan) on the relation, where
      an index scan (Index Scan, Index Only Scan, Bitmap Heap Scan) was expected;
    - DuckDB (no index scans): a SEQ_SCAN of the relation without a pushed-down
      comparison of a bare column with a constant, the only filter its zone maps can
      prune row groups with (a function or cast around the column defeats them).
    Either engine: a plan that does not read the relation at all is a failure too.
    Run `analyze` on the relation first (a post-hook) so the planner has real statistics. -#}

{% test plan_forbids(model, relation, query=none, forbidden_nodes=none) %}
    {{ return(adapter.dispatch('test_plan_forbids', 'data_etudes')(model, relation, query, forbidden_nodes)) }}
{% endtest %}

{% macro _plan_forbids_arguments(relation, query, forbidden_nodes) %}
    {%- do data_etudes._require_relation('plan_forbids', 'relation', relation) -%}
    {%- if query is not none -%}
        {%- do data_etudes._require_string('plan_forbids', 'query', query) -%}
    {%- endif -%}
    {%- set nodes = forbidden_nodes if forbidden_nodes is not none else ['Seq Scan'] -%}
    {%- if nodes is string or nodes is not iterable or nodes is mapping or nodes | length == 0 -%}
        {{ data_etudes._argument_error('plan_forbids', 'forbidden_nodes',
            "a non-empty list of plan node types such as ['Seq Scan']", forbidden_nodes) }}
    {%- endif -%}
    {{ return(nodes) }}
{% endmacro %}

{#- The failing rows as a select of literals; none when `findings` is empty. -#}
{% macro _plan_findings_sql(findings) %}
    {%- set text_type = dbt.type_string() -%}
    {%- set columns = ['relation_name', 'plan_node', 'predicate', 'expected_node', 'failure_reason'] -%}
    {%- set selects = [] -%}
    {%- for finding in (findings if findings | length > 0 else [{}]) -%}
        {%- set values = [] -%}
        {%- for column in columns -%}
            {%- set value = data_etudes._sql_value(finding.get(column)) -%}
            {%- do values.append('cast(' ~ value ~ ' as ' ~ text_type ~ ') as ' ~ column) -%}
        {%- endfor -%}
        {%- do selects.append('select ' ~ values | join(', ') ~ ('' if findings | length > 0 else ' where 1 = 0')) -%}
    {%- endfor -%}
    {{ return(selects | join('\nunion all\n')) }}
{% endmacro %}

{#- EXPLAIN's JSON, parsed (a driver may already return it parsed). -#}
{% macro _explain_json(statement) %}
    {%- set result = run_query(statement) -%}
    {%- set value = result.columns[-1].values()[0] -%}
    {{ return(fromjson(value) if value is string else value) }}
{% endmacro %}

{#- Every node of a plan tree, each as {node, parent}, into `collected`. -#}
{% macro _collect_plan_nodes(node, parent, children_key, collected) %}
    {%- do collected.append({'node': node, 'parent': parent}) -%}
    {%- for child in node.get(children_key, []) -%}
        {%- do data_etudes._collect_plan_nodes(child, node, children_key, collected) -%}
    {%- endfor -%}
{% endmacro %}

{% macro default__test_plan_forbids(model, relation, query, forbidden_nodes) %}
    {{ exceptions.raise_compiler_error(
        "data_etudes.plan_forbids reads PostgreSQL and DuckDB plans; for adapter " ~ adapter.type()
        ~ ", write " ~ adapter.type() ~ "__test_plan_forbids in your project (see 'Dispatch' in the README)") }}
{% endmacro %}

{% macro postgres__test_plan_forbids(model, relation, query, forbidden_nodes) %}
    {%- set forbidden = data_etudes._plan_forbids_arguments(relation, query, forbidden_nodes) -%}
    {%- set findings = [] -%}
    {%- if execute -%}
        {%- set statement = query if query is not none else 'select * from ' ~ model -%}
        {%- set plans = data_etudes._explain_json('explain (format json, verbose) ' ~ statement) -%}
        {%- set collected = [] -%}
        {%- for plan in plans -%}
            {%- do data_etudes._collect_plan_nodes(plan['Plan'], none, 'Plans', collected) -%}
        {%- endfor -%}
        {%- set relation_name = relation.schema ~ '.' ~ relation.identifier -%}
        {%- set expected = 'Index Scan, Index Only Scan or Bitmap Heap Scan on ' ~ relation_name -%}
        {%- set reads = [] -%}
        {%- for item in collected -%}
            {%- set node = item.node -%}
            {%- if (node.get('Relation Name') or '') | lower == relation.identifier | lower
                and (node.get('Schema') or relation.schema) | lower == relation.schema | lower -%}
                {%- do reads.append(node) -%}
                {%- if node['Node Type'] in forbidden -%}
                    {%- set predicate = node.get('Filter') -%}
                    {%- do findings.append({
                        'relation_name': relation_name,
                        'plan_node': ('Parallel ' if node.get('Parallel Aware') else '') ~ node['Node Type'],
                        'predicate': predicate,
                        'expected_node': expected,
                        'failure_reason': node['Node Type'] ~ ' reads every row of ' ~ relation_name
                            ~ ((' and keeps those where ' ~ predicate ~ ': no index serves a predicate that wraps the column'
                                ~ ' in a function or cast (or no index exists on it); compare the bare, indexed column with a constant range')
                               if predicate else ': nothing restricts which rows are read')
                    }) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if reads | length == 0 -%}
            {%- do findings.append({
                'relation_name': relation_name, 'plan_node': 'none', 'predicate': none, 'expected_node': expected,
                'failure_reason': 'the plan does not read ' ~ relation_name ~ ' at all: the query under test is not the one the spec names'
            }) -%}
        {%- endif -%}
    {%- endif -%}
    {{ data_etudes._plan_findings_sql(findings) }}
{% endmacro %}

{#- DuckDB: the filter terms of a scan its zone maps can prune with: a bare column
    compared with a constant. `optional:` terms are hints, not filters. -#}
{% macro _duckdb_prunable_terms(filters) %}
    {%- set texts = [filters] if filters is string else (filters or []) -%}
    {%- set constant = "('(?:[^']|'')*'(?:::[A-Za-z_ ]+(?:\\([0-9, ]+\\))?)?|-?[0-9]+(?:\\.[0-9]+)?|true|false)" -%}
    {%- set term_pattern = modules.re.compile('^"?[A-Za-z_][A-Za-z0-9_$]*"?\\s*(=|>=|<=|>|<)\\s*' ~ constant ~ '$') -%}
    {%- set prunable = [] -%}
    {%- for text in texts -%}
        {%- for piece in modules.re.split('\\)\\s+AND\\s+\\(|\\n', text | string) -%}
            {%- set term = piece | trim -%}
            {%- set term = modules.re.sub('^\\(+', '', term) -%}
            {%- set term = modules.re.sub('\\)+$', '', term) | trim -%}
            {%- if not term.startswith('optional:') and term_pattern.match(term) -%}
                {%- do prunable.append(term) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(prunable) }}
{% endmacro %}

{% macro duckdb__test_plan_forbids(model, relation, query, forbidden_nodes) %}
    {%- do data_etudes._plan_forbids_arguments(relation, query, forbidden_nodes) -%}
    {%- set findings = [] -%}
    {%- if execute -%}
        {%- set statement = query if query is not none else 'select * from ' ~ model -%}
        {%- set plans = data_etudes._explain_json('explain (format json) ' ~ statement) -%}
        {%- set collected = [] -%}
        {%- for plan in plans -%}
            {%- do data_etudes._collect_plan_nodes(plan, none, 'children', collected) -%}
        {%- endfor -%}
        {%- set relation_name = relation.schema ~ '.' ~ relation.identifier -%}
        {%- set expected = 'SEQ_SCAN of ' ~ relation_name
            ~ ' with Filters comparing a bare column with a constant (zone-map pruning)' -%}
        {%- set reads = [] -%}
        {%- for item in collected -%}
            {%- set node = item.node -%}
            {%- set info = node.get('extra_info') or {} -%}
            {%- set table_parts = (info.get('Table') or '') | lower | string -%}
            {%- set table_parts = table_parts.split('.') -%}
            {%- if (node.get('name') or '') | trim in ('SEQ_SCAN', 'TABLE_SCAN') and table_parts | length >= 2
                and table_parts[-1] == relation.identifier | lower and table_parts[-2] == relation.schema | lower -%}
                {%- do reads.append(node) -%}
                {%- set filters = info.get('Filters') -%}
                {%- if data_etudes._duckdb_prunable_terms(filters) | length == 0 -%}
                    {%- set parent_info = (item.parent.get('extra_info') or {}) if item.parent is not none else {} -%}
                    {%- set under_filter = item.parent is not none and item.parent.get('name') == 'FILTER' -%}
                    {%- set above = parent_info.get('Expression') if under_filter else none -%}
                    {%- set predicate = (filters | string if filters else none) or above -%}
                    {%- do findings.append({
                        'relation_name': relation_name,
                        'plan_node': (node.get('name') | trim) ~ (' under FILTER' if above else ''),
                        'predicate': predicate,
                        'expected_node': expected,
                        'failure_reason': 'every row group of ' ~ relation_name ~ ' is read'
                            ~ ((': the predicate ' ~ predicate ~ ' applies a function or cast to the column, so no zone map can prune;'
                                ~ ' compare the bare column with a constant range') if predicate else ': no filter reaches the scan')
                    }) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if reads | length == 0 -%}
            {%- do findings.append({
                'relation_name': relation_name, 'plan_node': 'none', 'predicate': none, 'expected_node': expected,
                'failure_reason': 'the plan does not read ' ~ relation_name ~ ' at all: the query under test is not the one the spec names'
            }) -%}
        {%- endif -%}
    {%- endif -%}
    {{ data_etudes._plan_findings_sql(findings) }}
{% endmacro %}
