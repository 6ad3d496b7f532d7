{#- Lineage: every relation a model reads is declared (ref, source), and every
    consumer of a model is declared (an exposure), so that dbt, and the next
    person or agent to change the model, can see what depends on what.

    Both tests read the parsed project (`graph`), not the warehouse: they judge
    every model in scope whether or not this invocation selected or built it. -#}

{#- find_hardcoded_relations(sql, known=none): the relations a model's raw
    code (SQL with its Jinja, as written) reads without ref(), source() or
    `this`, as written: after `from` or `join`, e.g. `analytics.payments`, or a
    schema built from the target followed by `_staging.payments`; and passed to
    a macro as a string, e.g. `dedupe(target.schema ~ '_staging.payments', ...)`.
    After `from` / `join`, a relation is reported when it is schema-qualified,
    or unqualified and not a CTE of the model, or built by any other Jinja
    expression, or a string literal (a file read by path). A string in a Jinja
    expression or statement (outside ref(), source(), config() and doc()) is
    reported when it names a relation: qualified (`schema.table`, or `.table`
    after a `~`) with a table or schema the project knows, or an unqualified
    name of a model, seed, snapshot or source table that is not a CTE of the
    model. Comments, strings, variables set to a ref()/source(), subqueries,
    CTEs (whose body may be a macro call), table functions (`from unnest(...)`)
    and functions taking `from` (`extract(year from x)`, `is distinct from`)
    are understood. `known`: what the project knows (`_lineage_known_relations`),
    computed from `graph` when not given. -#}

{% macro find_hardcoded_relations(sql, known=none) %}
    {{ return(adapter.dispatch('find_hardcoded_relations', 'data_etudes')(sql, known)) }}
{% endmacro %}

{% macro default__find_hardcoded_relations(sql, known=none) %}
    {%- set re = modules.re -%}
    {%- set saved = [] -%}
    {#- Jinja comments go; names set to a ref() or source() are declared lineage. -#}
    {%- set text = re.sub('[{]#[\\s\\S]*?#[}]', ' ', sql or '') -%}
    {#- Strings in Jinja that name a relation, judged once the CTEs are known. -#}
    {%- set passed = data_etudes._lineage_strings_naming_relations(text,
        data_etudes._lineage_known_relations() if known is none else known) -%}
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
    {#- A CTE's body is a subquery, or a macro call (`payments as ({{ dedupe(...) }})`,
        collapsed into `[dq]` above). -#}
    {%- set ctes = [] -%}
    {%- for name in re.findall(
        '(?i)(?:\\bwith\\b|,)\\s*(?:recursive\\s+)?("[^"]+"|\\w+)\\s*(?:\\[dq\\])?\\s*as\\s+(?:not\\s+)?(?:materialized\\s+)?(?:[(]|\\[dq\\])',
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
    {#- A string naming a relation counts unless it names a CTE of the model. -#}
    {%- for candidate in passed if candidate.qualified or candidate.name not in ctes -%}
        {%- if candidate.written not in found -%}
            {%- do found.append(candidate.written) -%}
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
        {%- set known = data_etudes._lineage_known_relations() -%}
        {%- set findings = [] -%}
        {%- for node in scope -%}
            {%- set hidden = ' (build order, `dbt ls --select +' ~ node.name ~ '`, docs, exposures)' -%}
            {%- for relation in data_etudes.find_hardcoded_relations(node.raw_code, known) -%}
                {%- do findings.append([
                    node.name,
                    node.original_file_path,
                    relation,
                    'read by a literal name, not through ref() or source(): dbt does not know this dependency'
                    ~ hidden,
                ]) -%}
            {%- endfor -%}
            {#- A source declared over one of the project's own models hides the edge to it. -#}
            {%- for unique_id in node.depends_on.nodes if unique_id in graph.sources -%}
                {%- set source = graph.sources[unique_id] -%}
                {%- set own = data_etudes._lineage_model_behind(source) -%}
                {%- if own is not none -%}
                    {%- do findings.append([
                        node.name,
                        node.original_file_path,
                        "source('" ~ source.source_name ~ "', '" ~ source.name ~ "')",
                        'source ' ~ source.source_name ~ '.' ~ source.name ~ ' (' ~ source.original_file_path
                        ~ ") is the project's own " ~ own.resource_type ~ ' ' ~ own.name
                        ~ ": read it with ref('" ~ own.name ~ "'), or dbt does not"
                        ~ ' know this dependency' ~ hidden,
                    ]) -%}
                {%- endif -%}
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

{#- known_answers_out_of_reach: no model, snapshot or analysis reads a seed
    under `seed_paths` (the oracle's known answers): not through ref(), not
    through a source over it, not by a literal name, not from its file. -#}

{% test known_answers_out_of_reach(model, seed_paths='seeds/expected/', paths=none) %}
    {{ return(adapter.dispatch('test_known_answers_out_of_reach', 'data_etudes')(model, seed_paths, paths)) }}
{% endtest %}

{% macro default__test_known_answers_out_of_reach(model, seed_paths, paths) %}
    {%- set macro_name = 'known_answers_out_of_reach' -%}
    {%- do data_etudes._reject_where(macro_name, has_paths=true) -%}
    {%- set seed_prefixes = data_etudes._lineage_paths(macro_name, seed_paths, 'seed_paths') -%}
    {%- if seed_prefixes | length == 0 -%}
        {%- set accepts = 'a folder of seeds (seeds/expected/) or a list of them' -%}
        {{ data_etudes._argument_error(macro_name, 'seed_paths', accepts, seed_paths) }}
    {%- endif -%}
    {%- set prefixes = data_etudes._lineage_paths(macro_name, paths) -%}
    {%- if not execute -%}
        select 1 as dq_parse_placeholder
    {%- else -%}
        {#- The known answers: by unique_id, and by the identifier a literal name or source would use. -#}
        {%- set answers = {} -%}
        {%- set by_identifier = {} -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'seed'
            and data_etudes._lineage_under(node.original_file_path, seed_prefixes) -%}
            {%- do answers.update({node.unique_id: node}) -%}
            {%- do by_identifier.update({(node.alias or node.name) | lower: node, node.name | lower: node}) -%}
        {%- endfor -%}
        {%- if answers | length == 0 -%}
            {%- do exceptions.raise_compiler_error("data_etudes." ~ macro_name ~ ": no seed of the project is under "
                ~ (seed_prefixes | join(', ')) ~ ": a gate that guards nothing is a mistake; check `seed_paths`") -%}
        {%- endif -%}
        {%- for source in graph.sources.values() -%}
            {%- set seed = by_identifier.get((source.identifier or source.name) | lower) -%}
            {%- if seed is not none and (source.schema or '') | lower == (seed.schema or '') | lower -%}
                {%- do answers.update({source.unique_id: seed}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set known = data_etudes._lineage_known_relations() -%}
        {%- set findings = [] -%}
        {%- for node in graph.nodes.values() | sort(attribute='original_file_path')
            if node.resource_type in ['model', 'snapshot', 'analysis'] and node.package_name == project_name
            and (prefixes | length == 0 or data_etudes._lineage_under(node.original_file_path, prefixes)) -%}
            {%- set reads = [] -%}
            {%- for unique_id in node.depends_on.nodes if unique_id in answers -%}
                {%- set through = "ref('" ~ answers[unique_id].name ~ "')" if unique_id.startswith('seed.')
                    else "source('" ~ graph.sources[unique_id].source_name ~ "', '" ~ graph.sources[unique_id].name ~ "')" -%}
                {%- do reads.append([answers[unique_id], through]) -%}
            {%- endfor -%}
            {%- for relation in data_etudes.find_hardcoded_relations(node.raw_code, known) -%}
                {%- set words = modules.re.findall('[A-Za-z0-9_$]+', relation) -%}
                {%- set seed = by_identifier.get((words | last | lower) if words else '') -%}
                {%- if seed is not none -%}
                    {%- do reads.append([seed, relation]) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- for seed in answers.values() | unique(attribute='unique_id')
                if (seed.original_file_path | replace('\\', '/')).split('/') | last | lower in (node.raw_code or '') | lower -%}
                {%- do reads.append([seed, (seed.original_file_path | replace('\\', '/')).split('/') | last]) -%}
            {%- endfor -%}
            {%- for seed, through in reads -%}
                {%- do findings.append([
                    node.name,
                    node.resource_type,
                    node.original_file_path,
                    seed.name,
                    through,
                    node.resource_type ~ ' ' ~ node.name ~ ' reads the known answer ' ~ seed.name ~ ' ('
                    ~ seed.original_file_path ~ ') through ' ~ through ~ ': a check comparing it with the answer it'
                    ~ ' copies proves nothing; compute the figures from the data',
                ]) -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- set columns = ['node_name', 'resource_type', 'file_path', 'seed_name', 'read_through', 'failure_reason'] -%}
        {{ data_etudes._lineage_rows(columns, findings) }}
    {%- endif -%}
{% endmacro %}

{#- Private helpers. -#}

{#- Whether a file path is one of the prefixes or under one (prefixes as
    `_lineage_paths` returns them). -#}
{% macro _lineage_under(path, prefixes) %}
    {%- set path = path | replace('\\', '/') -%}
    {%- for prefix in prefixes if path == prefix or path.startswith(prefix ~ '/') -%}
        {{ return(true) }}
    {%- endfor -%}
    {{ return(false) }}
{% endmacro %}

{#- `paths`: none, or a path or list of paths relative to the project root. -#}
{% macro _lineage_paths(macro_name, paths, argument='paths') %}
    {%- if paths is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set values = [paths] if paths is string else paths -%}
    {%- if values is string or values is mapping or values is not iterable or values | length == 0 -%}
        {%- set accepts = "a path relative to the project root (models/marts) or a list of them" -%}
        {{ data_etudes._argument_error(macro_name, argument, accepts, paths) }}
    {%- endif -%}
    {%- set prefixes = [] -%}
    {%- for value in values -%}
        {%- if value is not string or value | trim == '' -%}
            {{ data_etudes._argument_error(macro_name, argument, "paths as strings, e.g. models/marts", paths) }}
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

{#- The project's own model or snapshot a source's relation is, or none: the
    same schema and identifier (alias), else an identifier equal to the name or
    alias of one built in any of the project's schemas. -#}
{% macro _lineage_model_behind(source) %}
    {%- set identifier = (source.identifier or source.name) | lower -%}
    {%- set schema = (source.schema or '') | lower -%}
    {%- set built = graph.nodes.values() | selectattr('resource_type', 'in', ['model', 'snapshot']) | list -%}
    {%- for node in built
        if (node.schema or '') | lower == schema and (node.alias or node.name) | lower == identifier -%}
        {{ return(node) }}
    {%- endfor -%}
    {%- set schemas = built | map(attribute='schema') | map('lower') | list -%}
    {%- for node in built if schema in schemas and identifier in [node.name | lower, (node.alias or '') | lower] -%}
        {{ return(node) }}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}

{#- What the project knows, for find_hardcoded_relations: the names (lower
    case) of its models, seeds, snapshots (name and alias) and source tables
    (name and identifier), and the schemas they live in and the target's.
    Empty before `execute`. -#}
{% macro _lineage_known_relations() %}
    {%- set names = [] -%}
    {%- set schemas = [(target.schema or '') | lower] -%}
    {%- if execute -%}
        {%- for node in (graph.nodes.values() | list) + (graph.sources.values() | list)
            if node.resource_type in ['model', 'seed', 'snapshot', 'source'] -%}
            {%- for value in [node.name, node.alias if node.resource_type != 'source' else node.identifier,
                node.schema] -%}
                {%- set bucket = schemas if loop.last else names -%}
                {%- if value and (value | lower) not in bucket -%}
                    {%- do bucket.append(value | lower) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return({'names': names, 'schemas': schemas}) }}
{% endmacro %}

{#- The strings in a model's Jinja (expressions and statements; not inside
    ref(), source(), config() or doc()) that name a relation, each as a dict:
    `written` (the string with the `~` concatenation around it, as written),
    `name` (the table, lower case) and `qualified`. A qualified string
    (`schema.table`, `db.schema.table`, or `.table` / `_suffix.table` after a
    `~`) names a relation when its table or schema is known, or when a schema
    is built in front of it; an unqualified one when it is a known name (the
    caller leaves out the model's CTEs). `'o.amount'` (a column) is none. -#}
{% macro _lineage_strings_naming_relations(text, known) %}
    {%- set re = modules.re -%}
    {%- set part = '(?:"[^"]+"|[A-Za-z_][A-Za-z0-9_$]*)' -%}
    {%- set found = [] -%}
    {%- for tag in re.findall('[{][{]([\\s\\S]*?)[}][}]|[{]%([\\s\\S]*?)%[}]', text) -%}
        {%- set inner = re.sub(
            "(?i)\\b(?:ref|source|config|doc)\\s*[(](?:[^()'\"]|'[^']*'|\"[^\"]*\")*[)]", ' ', tag | join(' ')) -%}
        {%- for match in re.finditer(
            "((?:[\\w.]+(?:[(][^()]*[)])?\\s*~\\s*)*)('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")((?:\\s*~\\s*[\\w.]+)*)",
            inner) -%}
            {%- set built = match.group(1) | trim != '' -%}
            {%- set value = match.group(2)[1:-1] | trim -%}
            {%- set leading_dot = built and value.startswith('.') -%}
            {%- set name_match = re.match('^' ~ part ~ '(?:\\s*[.]\\s*' ~ part ~ '){0,2}$',
                value[1:] if leading_dot else value) -%}
            {%- if name_match -%}
                {%- set parts = re.findall(part, value) | map('replace', '"', '') | map('lower') | list -%}
                {%- set qualified = leading_dot or parts | length > 1 -%}
                {%- set name = parts | last -%}
                {%- set names_relation = name in known.names if not qualified
                    else (built or name in known.names or (parts | first) in known.schemas) -%}
                {%- if names_relation -%}
                    {%- do found.append({
                        'written': re.sub('\\s+', ' ', match.group(0)) | trim,
                        'name': name,
                        'qualified': qualified,
                    }) -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(found) }}
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
