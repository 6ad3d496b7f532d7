{#- The nodes a graph test (lineage, contracts, access) judges. With `prefixes`
    (paths relative to the project root, as `_lineage_paths` validates them
    before `execute`): every SQL model and snapshot of the root project under any
    of them, by file path. Without: the one node the test's `model` relation is. -#}
{% macro _models_in_scope(macro_name, model, prefixes) %}
    {%- if prefixes | length == 0 -%}
        {{ return([data_etudes._lineage_node_of(macro_name, model)]) }}
    {%- endif -%}
    {%- set found = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='original_file_path') -%}
        {%- set path = node.original_file_path | replace('\\', '/') -%}
        {%- if node.resource_type in ['model', 'snapshot'] and node.package_name == project_name
            and (node.language or 'sql') == 'sql' -%}
            {%- for prefix in prefixes -%}
                {%- if (path == prefix or path.startswith(prefix ~ '/')) and node not in found -%}
                    {%- do found.append(node) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}

{#- A graph test reads the parsed project, not rows, so a `where` config (which
    filters the rows of the model under test) cannot apply: a compile error says
    so instead of ignoring it, and how to choose what the test judges: `paths`
    where the test has it, else the model it is declared on. -#}
{% macro _reject_where(macro_name, has_paths) %}
    {%- set where = config.get('where') if config is defined else none -%}
    {%- if where is not none and (where | string | trim) != '' -%}
        {%- set fix = "use `paths` to choose models (or declare the test on the one model to judge)" if has_paths
            else "declare the test on the model to judge" -%}
        {%- do exceptions.raise_compiler_error("data_etudes." ~ macro_name
            ~ ": config `where` (" ~ (where | string)[:200] ~ ") cannot apply: this test reads the project's graph,"
            ~ " not rows; remove `where` and " ~ fix) -%}
    {%- endif -%}
{% endmacro %}
