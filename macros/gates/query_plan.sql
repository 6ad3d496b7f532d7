{#- plan_forbids: the query plan reads `relation` selectively, never by a full scan.

    At execution time the test runs EXPLAIN on `query` (default: select * from the
    model, which for a view is the view's own query, inlined by the planner) and
    returns one failing row per place the plan reads `relation` in a forbidden way:
    - PostgreSQL: a node of `forbidden_nodes` (default Seq Scan) on the relation, where
      an index scan (Index Scan, Index Only Scan, Bitmap Heap Scan) was expected;
    - DuckDB (ranges read by scans): a SEQ_SCAN of the relation whose pushed-down filters do
      not bound a bare column on both sides (DuckDB's own rewrites and optional ranges count),
      or whose range holds more than `max_read_share` of its rows: zone maps skip only what
      lies outside that range.
    Either engine: a plan that does not read the relation at all is a failure too.
    Run `analyze` on the relation first (a post-hook) so the planner has real statistics. -#}

{% test plan_forbids(model, relation, query=none, forbidden_nodes=none, max_read_share=none) %}
    {{ return(adapter.dispatch('test_plan_forbids', 'data_etudes')(
        model, relation, query, forbidden_nodes, max_read_share)) }}
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

{% macro default__test_plan_forbids(model, relation, query, forbidden_nodes, max_read_share) %}
    {{ exceptions.raise_compiler_error(
        "data_etudes.plan_forbids reads PostgreSQL and DuckDB plans; for adapter " ~ adapter.type()
        ~ ", write " ~ adapter.type() ~ "__test_plan_forbids in your project (see 'Dispatch' in the README)") }}
{% endmacro %}

{#- Spark has no indexes and its plans show no scan ranges: nothing to judge. Raised when the
    test compiles, not while the project parses, so a Spark project can hold the test (disabled there). -#}
{% macro spark__test_plan_forbids(model, relation, query, forbidden_nodes, max_read_share) %}
    {%- if execute -%}
        {{ exceptions.raise_compiler_error(
            "data_etudes.plan_forbids cannot run on Spark: it judges index and range scans, and Spark has neither") }}
    {%- endif -%}
    select 1 as placeholder where 1 = 0
{% endmacro %}

{% macro postgres__test_plan_forbids(model, relation, query, forbidden_nodes, max_read_share) %}
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

{#- DuckDB: the filter terms of a scan its zone maps can prune with: a bare column compared
    with a constant, as {column, operator, text}. DuckDB 2.0 rewrites some predicates into such
    terms itself (cast(col as date) = a date, date_trunc('day', col) = a timestamp become a range on
    col); others leave `optional:` terms (a wider range, derived from a cast range) that prune too. -#}
{% macro _duckdb_prunable_terms(filters) %}
    {%- set texts = [filters] if filters is string else (filters or []) -%}
    {%- set constant = "('(?:[^']|'')*'(?:::[A-Za-z_ ]+(?:\\([0-9, ]+\\))?)?|-?[0-9]+(?:\\.[0-9]+)?|true|false)" -%}
    {%- set column = '("?[A-Za-z_][A-Za-z0-9_$]*"?)' -%}
    {%- set term_pattern = modules.re.compile('^' ~ column ~ '\\s*(=|>=|<=|>|<)\\s*' ~ constant ~ '$') -%}
    {%- set prunable = [] -%}
    {%- for text in texts -%}
        {#- split on AND at paren depth 0 (after peeling the conjunction's own parentheses) -#}
        {%- set pieces = [] -%}
        {%- set state = namespace(depth=0, current='', quoted=false) -%}
        {%- for line in (text | string).split('\n') -%}
            {%- set line = data_etudes._peel(line) -%}
            {%- set state.depth = 0 -%}
            {%- set state.current = '' -%}
            {%- set state.quoted = false -%}
            {%- for token in modules.re.split("(\\(|\\)|'|\\s+AND\\s+)", line) -%}
                {%- if token == "'" -%}{%- set state.quoted = not state.quoted -%}{%- endif -%}
                {%- if not state.quoted and token == '(' -%}{%- set state.depth = state.depth + 1 -%}{%- endif -%}
                {%- if not state.quoted and token == ')' -%}{%- set state.depth = state.depth - 1 -%}{%- endif -%}
                {%- if not state.quoted and state.depth == 0 and modules.re.match('^\\s+AND\\s+$', token) -%}
                    {%- do pieces.append(state.current) -%}
                    {%- set state.current = '' -%}
                {%- else -%}
                    {%- set state.current = state.current ~ token -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do pieces.append(state.current) -%}
        {%- endfor -%}
        {%- for piece in pieces -%}
            {%- set term = piece | trim -%}
            {%- set term = data_etudes._peel(modules.re.sub('^optional:\\s*', '', term)) -%}
            {%- set match = term_pattern.match(term) -%}
            {%- if match -%}
                {%- do prunable.append({
                    'column': match.group(1) | replace('"', '') | lower, 'operator': match.group(2), 'text': term
                }) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(prunable) }}
{% endmacro %}

{#- `text` trimmed, without the parentheses that enclose all of it. -#}
{% macro _peel(text) %}
    {%- set state = namespace(text=text | trim) -%}
    {%- for _ in range(8) -%}
        {%- if state.text.startswith('(') and state.text.endswith(')') and data_etudes._balanced(state.text[1:-1]) -%}
            {%- set state.text = state.text[1:-1] | trim -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(state.text) }}
{% endmacro %}

{#- True when the parentheses of `text` (outside quotes) balance and never close more than opened. -#}
{% macro _balanced(text) %}
    {%- set state = namespace(depth=0, ok=true, quoted=false) -%}
    {%- for char in text -%}
        {%- if char == "'" -%}{%- set state.quoted = not state.quoted -%}{%- endif -%}
        {%- if not state.quoted and char == '(' -%}{%- set state.depth = state.depth + 1 -%}{%- endif -%}
        {%- if not state.quoted and char == ')' -%}{%- set state.depth = state.depth - 1 -%}{%- endif -%}
        {%- if state.depth < 0 -%}{%- set state.ok = false -%}{%- endif -%}
    {%- endfor -%}
    {{ return(state.ok and state.depth == 0) }}
{% endmacro %}

{#- DuckDB: what the zone maps can skip. Per column, the pushed terms must bound it on both sides (or
    fix it with `=`): a one-sided range reads every row group on its open side. Then the bounded range
    is measured on the relation itself: the share of its rows the zone maps would still have to read.
    Returns {terms, rows, total, share, bounded} for the most selective column, or none. -#}
{% macro _duckdb_zone_map_reach(relation, terms) %}
    {%- set by_column = {} -%}
    {%- for term in terms -%}
        {%- do by_column.setdefault(term.column, []).append(term) -%}
    {%- endfor -%}
    {%- set best = namespace(reach=none) -%}
    {%- for column, column_terms in by_column.items() -%}
        {%- set operators = column_terms | map(attribute='operator') | list -%}
        {%- set has_lower = '>' in operators or '>=' in operators -%}
        {%- set has_upper = '<' in operators or '<=' in operators -%}
        {%- set bounded = '=' in operators or (has_lower and has_upper) -%}
        {%- set counted = run_query('select count(*), (select count(*) from ' ~ relation ~ ') from ' ~ relation
            ~ ' where ' ~ (column_terms | map(attribute='text') | join(' and '))) -%}
        {%- set rows, total = counted.rows[0][0], counted.rows[0][1] -%}
        {%- set reach = {'terms': column_terms | map(attribute='text') | join(' AND '), 'rows': rows, 'total': total,
            'share': (rows / total if total else 0), 'bounded': bounded} -%}
        {%- if best.reach is none or (bounded and not best.reach.bounded)
            or (bounded == best.reach.bounded and reach.share < best.reach.share) -%}
            {%- set best.reach = reach -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(best.reach) }}
{% endmacro %}

{% macro duckdb__test_plan_forbids(model, relation, query, forbidden_nodes, max_read_share) %}
    {%- do data_etudes._plan_forbids_arguments(relation, query, forbidden_nodes) -%}
    {%- set limit = data_etudes._require_number('plan_forbids', 'max_read_share',
        max_read_share if max_read_share is not none else 0.05, minimum=0, maximum=1) -%}
    {%- set findings = [] -%}
    {%- if execute -%}
        {%- set statement = query if query is not none else 'select * from ' ~ model -%}
        {%- set plans = data_etudes._explain_json('explain (format json) ' ~ statement) -%}
        {%- set collected = [] -%}
        {%- for plan in plans -%}
            {%- do data_etudes._collect_plan_nodes(plan, none, 'children', collected) -%}
        {%- endfor -%}
        {%- set relation_name = relation.schema ~ '.' ~ relation.identifier -%}
        {%- set expected = 'SEQ_SCAN of ' ~ relation_name ~ ' whose Filters bound a bare column on both sides'
            ~ ' (zone maps skip every row group outside the range), reaching at most '
            ~ (limit * 100) | round(1) ~ '% of its rows' -%}
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
                {%- set parent_info = (item.parent.get('extra_info') or {}) if item.parent is not none else {} -%}
                {%- set under_filter = item.parent is not none and item.parent.get('name') == 'FILTER' -%}
                {%- set above = parent_info.get('Expression') if under_filter else none -%}
                {%- set above_text = '; above the scan: ' ~ above if above else '' -%}
                {%- set predicate = ((filters | string) ~ above_text) if filters else above -%}
                {%- set terms = data_etudes._duckdb_prunable_terms(filters) -%}
                {%- set reach = data_etudes._duckdb_zone_map_reach(relation, terms) if terms | length > 0 else none -%}
                {%- set reason = none -%}
                {%- if reach is none -%}
                    {%- set reason = 'every row group of ' ~ relation_name ~ ' is read'
                        ~ ((': the predicate ' ~ predicate ~ ' applies a function or cast to the column'
                            ~ ' that DuckDB cannot turn into a range, so no zone map can prune;'
                            ~ ' compare the bare column with a constant range')
                           if predicate else ': no filter reaches the scan') -%}
                {%- elif not reach.bounded -%}
                    {%- set reason = 'the zone maps can prune only on ' ~ reach.terms
                        ~ ', bounded on one side: every row group on its open side is read (' ~ reach.rows ~ ' of '
                        ~ reach.total ~ ' rows here, the same share at any size); bound the bare column on both sides' -%}
                {%- elif reach.share > limit -%}
                    {%- set reason = 'the zone maps can prune only to ' ~ reach.terms ~ ', which holds ' ~ reach.rows
                        ~ ' of ' ~ reach.total ~ ' rows (' ~ (reach.share * 100) | round(1) ~ '%, more than '
                        ~ (limit * 100) | round(1) ~ '%): the range the zone maps see is not selective' -%}
                {%- endif -%}
                {%- if reason is not none -%}
                    {%- do findings.append({
                        'relation_name': relation_name,
                        'plan_node': (node.get('name') | trim) ~ (' under FILTER' if above else ''),
                        'predicate': predicate,
                        'expected_node': expected,
                        'failure_reason': reason
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
