{#- Model contracts and access: the interface a team (or an agent) reads from is
    declared, documented and fenced. A public model is a promise: its contract is
    enforced and every column says what it holds. A consumer reads only that
    promise, never a group's private or protected internals, and the models that
    read raw data directly stay private to the group that owns them.

    The three tests read the parsed project (`graph`), not the warehouse: their
    verdict does not depend on what this invocation selected or built. -#}

{#- public_models_have_contracts: every public model in scope has an enforced
    contract, a description, and a description for every column. -#}

{% test public_models_have_contracts(model, paths=none, require_version=false) %}
    {{ return(adapter.dispatch('test_public_models_have_contracts', 'data_etudes')(model, paths, require_version)) }}
{% endtest %}

{% macro default__test_public_models_have_contracts(model, paths, require_version) %}
    {%- set macro_name = 'public_models_have_contracts' -%}
    {%- do data_etudes._reject_where(macro_name, has_paths=true) -%}
    {%- set prefixes = data_etudes._lineage_paths(macro_name, paths) -%}
    {%- do data_etudes._require_boolean(macro_name, 'require_version', require_version) -%}
    {%- if not execute -%}
        select 1 as dq_parse_placeholder
    {%- else -%}
        {%- set scope = data_etudes._models_in_scope(macro_name, model, prefixes) -%}
        {%- set findings = [] -%}
        {%- for node in scope if node.resource_type == 'model' and node.access == 'public' -%}
            {%- set version = '' if node.version is none else node.version | string -%}
            {%- set found = namespace(columns=0) -%}
            {%- if not (node.contract.enforced if node.contract is defined and node.contract else false) -%}
                {%- do findings.append([node.name, version, node.original_file_path, '',
                    'public model without an enforced contract: its columns and types can change under its readers'
                    ~ ' (config: {contract: {enforced: true}})']) -%}
            {%- endif -%}
            {%- if (node.description or '') | trim == '' -%}
                {%- do findings.append([node.name, version, node.original_file_path, '',
                    'public model without a description: a reader cannot tell its grain and what it is for']) -%}
            {%- endif -%}
            {%- if require_version and node.version is none -%}
                {%- do findings.append([node.name, version, node.original_file_path, '',
                    'public model without versions: it cannot change its columns without breaking its readers'
                    ~ ' (versions: [{v: 1}])']) -%}
            {%- endif -%}
            {%- for column in node.columns.values() -%}
                {%- set found.columns = found.columns + 1 -%}
                {%- if (column.description or '') | trim == '' -%}
                    {%- do findings.append([node.name, version, node.original_file_path, column.name,
                        'column without a description: a reader has to guess its meaning and unit']) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if found.columns == 0 -%}
                {%- do findings.append([node.name, version, node.original_file_path, '',
                    'public model that declares no columns']) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set columns = ['model_name', 'model_version', 'file_path', 'column_name', 'failure_reason'] -%}
        {{ data_etudes._lineage_rows(columns, findings) }}
    {%- endif -%}
{% endmacro %}

{#- reads_only_public_models: the models in scope read no source directly and no
    model that is not public, unless that model is in their own group. -#}

{% test reads_only_public_models(model, paths=none) %}
    {{ return(adapter.dispatch('test_reads_only_public_models', 'data_etudes')(model, paths)) }}
{% endtest %}

{% macro default__test_reads_only_public_models(model, paths) %}
    {%- set macro_name = 'reads_only_public_models' -%}
    {%- do data_etudes._reject_where(macro_name, has_paths=true) -%}
    {%- set prefixes = data_etudes._lineage_paths(macro_name, paths) -%}
    {%- if not execute -%}
        select 1 as dq_parse_placeholder
    {%- else -%}
        {%- set scope = data_etudes._models_in_scope(macro_name, model, prefixes) -%}
        {%- set findings = [] -%}
        {%- for node in scope -%}
            {%- set own_group = node.group or (node.config.group if node.config is defined else none) -%}
            {%- for parent_id in node.depends_on.nodes | unique -%}
                {%- if parent_id.startswith('source.') -%}
                    {%- set source = graph.sources.get(parent_id) -%}
                    {%- set source_name = source.source_name ~ '.' ~ source.name if source else parent_id -%}
                    {%- do findings.append([node.name, source_name, 'source', '',
                        'reads a source directly: raw data is read through the models of the group that owns it']) -%}
                {%- else -%}
                    {%- set parent = graph.nodes.get(parent_id) -%}
                    {%- if parent is not none and parent.resource_type == 'model' and parent.access != 'public'
                        and not (own_group and parent.group == own_group) -%}
                        {%- set version_suffix = '' if parent.version is none else ' v' ~ parent.version -%}
                        {%- set parent_name = parent.name ~ version_suffix -%}
                        {%- do findings.append([node.name, parent_name, parent.access, parent.group or '',
                            'reads a ' ~ parent.access ~ ' model: only public models are an interface'
                            ~ ' its owners promise to keep']) -%}
                    {%- endif -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- set columns = ['model_name', 'reads', 'reads_access', 'reads_group', 'failure_reason'] -%}
        {{ data_etudes._lineage_rows(columns, findings) }}
    {%- endif -%}
{% endmacro %}

{#- is_private_to_group: the model is private and belongs to a group (the named
    one, when `group` is given), so only that group's models can ref it. -#}

{% test is_private_to_group(model, group=none) %}
    {{ return(adapter.dispatch('test_is_private_to_group', 'data_etudes')(model, group)) }}
{% endtest %}

{% macro default__test_is_private_to_group(model, group) %}
    {%- set macro_name = 'is_private_to_group' -%}
    {%- do data_etudes._reject_where(macro_name, has_paths=false) -%}
    {%- if group is not none -%}
        {%- do data_etudes._require_string(macro_name, 'group', group) -%}
    {%- endif -%}
    {%- if not execute -%}
        select 1 as dq_parse_placeholder
    {%- else -%}
        {%- set node = data_etudes._lineage_node_of(macro_name, model) -%}
        {%- set findings = [] -%}
        {%- if not node.group -%}
            {%- do findings.append([node.name, node.access or '', '',
                'in no group: access private needs a group to be private to (groups: [...], config: {group: ...})']) -%}
        {%- elif group is not none and node.group != group -%}
            {%- do findings.append([node.name, node.access or '', node.group,
                'in group ' ~ node.group ~ ', expected ' ~ group]) -%}
        {%- endif -%}
        {%- if node.access != 'private' -%}
            {%- do findings.append([node.name, node.access or '', node.group or '',
                'access is ' ~ node.access ~ ': any model of the project can build on it'
                ~ ' (config: {access: private})']) -%}
        {%- endif -%}
        {{ data_etudes._lineage_rows(['model_name', 'access', 'model_group', 'failure_reason'], findings) }}
    {%- endif -%}
{% endmacro %}
