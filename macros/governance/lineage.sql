{#- Lineage: every relation a model reads is declared (ref, source), and every
    consumer of a model is declared (an exposure), so that dbt, and the next
    person or agent to change the model, can see what depends on what.

    Both tests read the parsed project (`graph`), not the warehouse: they judge
    every model in scope whether or not this invocation selected or built it. -#}

{#- find_hardcoded_relations(sql): the relations a model's raw code (SQL with its
    Jinja, as written) reads after `from` or `join` without ref(), source() or
    `this`, as written, e.g. `analytics.payments`, or a schema built from the
    target followed by `_staging.payments`. A relation is reported when it is
    schema-qualified, or unqualified and not a CTE of the model, or built by any
    other Jinja expression, or a string literal (a file read by path). Comments,
    strings, variables set to a ref()/source(), subqueries, table
    functions (`from unnest(...)`) and functions taking `from` (`extract(year
    from x)`, `is distinct from`) are understood. A name hidden inside a macro's
    argument is not seen: the macro is trusted. -#}

{% macro find_hardcoded_relations(sql) %}
    {{ return(adapter.dispatch('find_hardcoded_relations', 'data_etudes')(sql)) }}
{% endmacro %}

{% macro default__find_hardcoded_relations(sql) %}
    {%- set re = modules.re -%}
    {%- set saved = [] -%}
    {#- Jinja comments go; names set to a ref() or source() are declared lineage. -#}
    {%- set text = re.sub('[{]#[\\s\\S]*?#[}]', ' ', sql or '') -%}
    {%- set declared = re.findall('[{]%-?\\s*set\\s+(\\w+)\\s*=\\s*(?:ref|source)\\s*\\(', text) -%}
    {%- set text = re.sub('[{]%[\\s\\S]*?%[}]', ' ', text) -%}
    {#- Jinja expressions: ref(), source(), this and the declared names are lineage;
        any other expression is kept aside, to be shown as written. -#}
    {%- set ns = namespace(text='', last=0) -%}
    {%- for match in re.finditer('[{][{]-?([\\s\\S]*?)-?[}][}]', text) -%}
        {%- set inner = match.group(1) | trim -%}
        {%- set is_call = re.match('^(ref|source)\\s*\\([^()]*\\)$', inner) -%}
        {%- set is_lineage = is_call or inner == 'this' or inner in declared -%}
        {%- set placeholder = '__dq_' ~ ('declared' if is_lineage else 'saved') ~ '_' ~ (saved | length) ~ '__' -%}
        {%- do saved.append(match.group(0)) -%}
        {%- set ns.text = ns.text ~ text[ns.last:match.start()] ~ placeholder -%}
        {%- set ns.last = match.end() -%}
    {%- endfor -%}
    {%- set text = ns.text ~ text[ns.last:] -%}
    {#- SQL comments go (strings are matched first, so `--` inside one stays);
        then each string literal is kept aside. -#}
    {%- set text = re.sub("('(?:[^']|'')*')|--[^\\n]*|/[*][\\s\\S]*?[*]/", '\\1', text) -%}
    {%- set ns = namespace(text='', last=0) -%}
    {%- for match in re.finditer("'(?:[^']|'')*'", text) -%}
        {%- set ns.text = ns.text ~ text[ns.last:match.start()] ~ ' __dq_saved_' ~ (saved | length) ~ '__ ' -%}
        {%- do saved.append(match.group(0)) -%}
        {%- set ns.last = match.end() -%}
    {%- endfor -%}
    {%- set text = ns.text ~ text[ns.last:] -%}
    {#- `a is distinct from b` is an operator, not a relation. -#}
    {%- set text = re.sub('(?i)\\bdistinct\\s+from\\b', ' __dq_operator__ ', text) -%}
    {#- Parentheses without a select inside (function arguments, value lists,
        `extract(year from x)`) collapse, innermost first, into `[dq]`. -#}
    {%- set ns = namespace(text=text) -%}
    {%- for _ in range(100) -%}
        {%- set ns.text = re.sub('(?i)[(](?:(?!\\bselect\\b)[^()])*[)]', '[dq]', ns.text) -%}
    {%- endfor -%}
    {%- set text = ns.text -%}
    {%- set ctes = [] -%}
    {%- for name in re.findall(
        '(?i)(?:\\bwith\\b|,)\\s*(?:recursive\\s+)?("[^"]+"|\\w+)\\s*(?:\\[dq\\])?\\s*as\\s+(?:not\\s+)?(?:materialized\\s+)?[(]',
        text) -%}
        {%- do ctes.append(name | replace('"', '') | lower) -%}
    {%- endfor -%}
    {%- set found = [] -%}
    {%- set part = '(?:"[^"]*"|[\\w$])+' -%}
    {%- for match in re.finditer(
        '(?i)\\b(?:from|join)\\s+(' ~ part ~ '(?:\\s*[.]\\s*' ~ part ~ ')*)(\\s*\\[dq\\])?', text) -%}
        {%- set relation = match.group(1) -%}
        {%- set bare = relation | replace('"', '') | lower -%}
        {%- if match.group(2) or bare in ['lateral', 'only'] or re.match('^__dq_declared_[0-9]+__$', bare) -%}
            {#- a table function, ref()/source()/this, or a keyword before a subquery -#}
        {%- elif '.' in relation or bare not in ctes -%}
            {%- set ns = namespace(written=relation) -%}
            {%- for original in saved -%}
                {%- set ns.written = ns.written | replace('__dq_saved_' ~ loop.index0 ~ '__', original)
                    | replace('__dq_declared_' ~ loop.index0 ~ '__', original) -%}
            {%- endfor -%}
            {%- set written = re.sub('\\s+', ' ', ns.written) | trim -%}
            {%- if written not in found -%}
                {%- do found.append(written) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}

{#- no_hardcoded_relations: no model reads a relation by a literal name. -#}

{% test no_hardcoded_relations(model, paths=none) %}
    {{ return(adapter.dispatch('test_no_hardcoded_relations', 'data_etudes')(model, paths)) }}
{% endtest %}

{% macro default__test_no_hardcoded_relations(model, paths) %}
    {%- set macro_name = 'no_hardcoded_relations' -%}
    {%- do data_etudes._reject_where(macro_name, has_paths=true) -%}
    {%- set prefixes = data_etudes._lineage_paths(macro_name, paths) -%}
    {%- if not execute -%}
        select 1 as dq_parse_placeholder
    {%- else -%}
        {%- set scope = data_etudes._models_in_scope(macro_name, model, prefixes) -%}
        {%- set findings = [] -%}
        {%- for node in scope -%}
            {%- for relation in data_etudes.find_hardcoded_relations(node.raw_code) -%}
                {%- do findings.append([
                    node.name,
                    node.original_file_path,
                    relation,
                    'read by a literal name, not through ref() or source(): dbt does not know this dependency'
                    ~ ' (build order, `dbt ls --select +' ~ node.name ~ '`, docs, exposures)',
                ]) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- set columns = ['model_name', 'file_path', 'relation_name', 'failure_reason'] -%}
        {{ data_etudes._lineage_rows(columns, findings) }}
    {%- endif -%}
{% endmacro %}

{#- reaches_exposures: each named exposure is declared and depends on the model. -#}

{% test reaches_exposures(model, exposures, direct=false) %}
    {{ return(adapter.dispatch('test_reaches_exposures', 'data_etudes')(model, exposures, direct)) }}
{% endtest %}

{% macro default__test_reaches_exposures(model, exposures, direct) %}
    {%- set macro_name = 'reaches_exposures' -%}
    {%- do data_etudes._reject_where(macro_name, has_paths=false) -%}
    {%- set names = data_etudes._lineage_names(macro_name, 'exposures', exposures) -%}
    {%- do data_etudes._require_boolean(macro_name, 'direct', direct) -%}
    {%- if not execute -%}
        select 1 as dq_parse_placeholder
    {%- else -%}
        {%- set target_node = data_etudes._lineage_node_of(macro_name, model, sources=true) -%}
        {%- set declared = {} -%}
        {%- for exposure in graph.exposures.values() -%}
            {%- do declared.update({exposure.name: exposure}) -%}
        {%- endfor -%}
        {%- set findings = [] -%}
        {%- for name in names -%}
            {%- if name not in declared -%}
                {%- do findings.append([
                    name, target_node.name, '',
                    'no exposure named ' ~ name ~ ' is declared: declare it in a properties file',
                ]) -%}
            {%- else -%}
                {%- set exposure = declared[name] -%}
                {%- set parents = exposure.depends_on.nodes | list -%}
                {%- set upstream = parents if direct else data_etudes._lineage_ancestors(parents) -%}
                {%- if target_node.unique_id not in upstream -%}
                    {%- set read = [] -%}
                    {%- for unique_id in parents -%}
                        {%- do read.append(unique_id.split('.') | last) -%}
                    {%- endfor -%}
                    {%- do findings.append([
                        name, target_node.name, read | join(', '),
                        'exposure ' ~ name ~ ' does not depend on ' ~ target_node.name
                        ~ (' directly' if direct else ', directly or through other models')
                        ~ ': a change to ' ~ target_node.name ~ ' would not show it as affected',
                    ]) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set columns = ['exposure_name', 'model_name', 'exposure_depends_on', 'failure_reason'] -%}
        {{ data_etudes._lineage_rows(columns, findings) }}
    {%- endif -%}
{% endmacro %}

{#- Private helpers. -#}

{#- `paths`: none, or a path or list of paths relative to the project root. -#}
{% macro _lineage_paths(macro_name, paths) %}
    {%- if paths is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set values = [paths] if paths is string else paths -%}
    {%- if values is string or values is mapping or values is not iterable or values | length == 0 -%}
        {%- set accepts = "a path relative to the project root (models/marts) or a list of them" -%}
        {{ data_etudes._argument_error(macro_name, 'paths', accepts, paths) }}
    {%- endif -%}
    {%- set prefixes = [] -%}
    {%- for value in values -%}
        {%- if value is not string or value | trim == '' -%}
            {{ data_etudes._argument_error(macro_name, 'paths', "paths as strings, e.g. models/marts", paths) }}
        {%- endif -%}
        {%- set cleaned = value | trim | replace('\\', '/') -%}
        {%- if cleaned.startswith('./') -%}
            {%- set cleaned = cleaned[2:] -%}
        {%- endif -%}
        {%- do prefixes.append(cleaned.rstrip('/')) -%}
    {%- endfor -%}
    {{ return(prefixes) }}
{% endmacro %}

{% macro _lineage_names(macro_name, argument, value) %}
    {%- set values = [value] if value is string else value -%}
    {%- if values is none or values is mapping or values is not iterable or values | length == 0 -%}
        {{ data_etudes._argument_error(macro_name, argument, "a name or a non-empty list of names", value) }}
    {%- endif -%}
    {%- for item in values -%}
        {%- if item is not string or item | trim == '' -%}
            {{ data_etudes._argument_error(macro_name, argument, "names as strings", value) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(values | list) }}
{% endmacro %}

{#- The graph node (model, seed or snapshot; optionally a source) that a test's
    `model` relation is. -#}
{% macro _lineage_node_of(macro_name, model, sources=false) %}
    {%- if model is string or model.identifier is not defined -%}
        {%- do exceptions.raise_compiler_error("data_etudes." ~ macro_name
            ~ ": the model under test must be a relation (a `where` config makes it a subquery; remove it)") -%}
    {%- endif -%}
    {%- set candidates = graph.nodes.values() | list -%}
    {%- if sources -%}
        {%- set candidates = candidates + (graph.sources.values() | list) -%}
    {%- endif -%}
    {%- for node in candidates -%}
        {%- set identifier = node.alias if node.resource_type != 'source' else node.identifier -%}
        {%- if node.resource_type in ['model', 'seed', 'snapshot', 'source']
            and (identifier or node.name) | lower == model.identifier | lower
            and (node.schema or '') | lower == (model.schema or '') | lower -%}
            {{ return(node) }}
        {%- endif -%}
    {%- endfor -%}
    {%- do exceptions.raise_compiler_error("data_etudes." ~ macro_name
        ~ ": found no model in the project for the relation " ~ model) -%}
{% endmacro %}

{#- Every node a list of nodes depends on, directly or not (and the list itself). -#}
{% macro _lineage_ancestors(unique_ids) %}
    {%- set ns = namespace(frontier=unique_ids | list) -%}
    {%- set seen = [] -%}
    {%- for _ in range(graph.nodes | length + 1) if ns.frontier | length > 0 -%}
        {%- set next_frontier = [] -%}
        {%- for unique_id in ns.frontier if unique_id not in seen -%}
            {%- do seen.append(unique_id) -%}
            {%- set parent = graph.nodes.get(unique_id) -%}
            {%- if parent is not none -%}
                {%- for grandparent in parent.depends_on.nodes -%}
                    {%- do next_frontier.append(grandparent) -%}
                {%- endfor -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set ns.frontier = next_frontier -%}
    {%- endfor -%}
    {{ return(seen) }}
{% endmacro %}

{#- Findings (lists of strings) as a select of text columns, one row per
    finding; none: a select of no rows. -#}
{% macro _lineage_rows(columns, findings) %}
    {%- set text_type = dbt.type_string() -%}
    {%- set selects = [] -%}
    {%- for finding in findings -%}
        {%- set values = [] -%}
        {%- for column in columns -%}
            {%- set value = data_etudes._string_literal(finding[loop.index0]) -%}
            {%- do values.append('cast(' ~ value ~ ' as ' ~ text_type ~ ') as ' ~ column) -%}
        {%- endfor -%}
        {%- do selects.append('select\n    ' ~ values | join(',\n    ')) -%}
    {%- endfor -%}
    {%- if selects | length == 0 -%}
        {%- set nulls = [] -%}
        {%- for column in columns -%}
            {%- do nulls.append('cast(null as ' ~ text_type ~ ') as ' ~ column) -%}
        {%- endfor -%}
        {%- do selects.append('select\n    ' ~ nulls | join(',\n    ') ~ '\nwhere 1 = 0') -%}
    {%- endif -%}
    {{ return(selects | join('\nunion all\n')) }}
{% endmacro %}
