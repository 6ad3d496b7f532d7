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
