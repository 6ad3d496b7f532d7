{#- record_run_results: an on-run-end hook that appends one row per node of the
    run (models, seeds, snapshots, tests, hooks) to a run-log table, so a team
    can see what each run processed and which gate stopped it. Opt-in:

      # dbt_project.yml
      on-run-end:
        - "{{ data_etudes.record_run_results(results) }}"

    The table is created when missing (schema too) and only ever appended to.
    Where: the var `data_etudes__run_log_schema` (default: the target schema)
    and `data_etudes__run_log_table` (default: dbt_run_log). -#}

{% macro record_run_results(results) %}
    {{ return(adapter.dispatch('record_run_results', 'data_etudes')(results)) }}
{% endmacro %}

{#- The run log's relation, for the hook and for anyone reading it. -#}
{% macro run_log_relation() %}
    {{ return(adapter.dispatch('run_log_relation', 'data_etudes')()) }}
{% endmacro %}

{% macro default__run_log_relation() %}
    {{ return(api.Relation.create(
        database=target.database,
        schema=var('data_etudes__run_log_schema', target.schema),
        identifier=var('data_etudes__run_log_table', 'dbt_run_log'),
        type='table',
    )) }}
{% endmacro %}

{#- Spark has schemas and no databases above them. -#}
{% macro spark__run_log_relation() %}
    {{ return(api.Relation.create(
        schema=var('data_etudes__run_log_schema', target.schema),
        identifier=var('data_etudes__run_log_table', 'dbt_run_log'),
        type='table',
    )) }}
{% endmacro %}

{% macro default__record_run_results(results) %}
    {#- At parse time dbt renders hooks without results: nothing to record. -#}
    {%- if not execute or results is not defined or results is none -%}
        {{ return('') }}
    {%- endif -%}
    {%- set relation = data_etudes.run_log_relation() -%}
    {%- do adapter.create_schema(relation) -%}
    {#- One transaction for the table and the rows (the hook runs outside one). -#}
    {%- call statement('data_etudes_run_log_table', auto_begin=True) -%}
        {{ data_etudes._run_log_create_sql(relation) }}
    {%- endcall -%}
    {%- set rows = data_etudes._run_log_rows(results) -%}
    {%- for batch in rows | batch(500) -%}
        {%- call statement('data_etudes_run_log_rows', auto_begin=True) -%}
            {{ data_etudes._run_log_insert_sql(relation, batch) }}
        {%- endcall -%}
    {%- endfor -%}
    {%- do adapter.commit() -%}
    {{ return('') }}
{% endmacro %}

{#- The columns, in order, with their types. -#}
{% macro _run_log_columns() %}
    {{ return([
        ('invocation_id', dbt.type_string()),
        ('run_started_at_utc', dbt.type_timestamp()),
        ('recorded_at_utc', dbt.type_timestamp()),
        ('dbt_command', dbt.type_string()),
        ('target_name', dbt.type_string()),
        ('node_unique_id', dbt.type_string()),
        ('node_name', dbt.type_string()),
        ('resource_type', dbt.type_string()),
        ('tested_node_unique_id', dbt.type_string()),
        ('status', dbt.type_string()),
        ('rows_affected', dbt.type_bigint()),
        ('failures', dbt.type_bigint()),
        ('execution_time_seconds', dbt.type_numeric()),
        ('message', dbt.type_string()),
    ]) }}
{% endmacro %}

{% macro _run_log_create_sql(relation) %}
    {%- set definitions = [] -%}
    {%- for name, data_type in data_etudes._run_log_columns() -%}
        {%- do definitions.append(name ~ ' ' ~ data_type) -%}
    {%- endfor -%}
    {{ return('create table if not exists ' ~ relation ~ ' (' ~ definitions | join(', ') ~ ')') }}
{% endmacro %}

{#- Every node's values as SQL literals, in the order of _run_log_columns.
    Written inline (no macro call per value): a run of a thousand nodes is
    rendered in well under a second. Strings are quoted with '' escaping;
    a missing value is NULL; messages are cut at 2,000 characters. -#}
{% macro _run_log_rows(results) %}
    {%- set string_type = dbt.type_string() -%}
    {%- set bigint_type = dbt.type_bigint() -%}
    {%- set numeric_type = dbt.type_numeric() -%}
    {%- set timestamp_type = dbt.type_timestamp() -%}
    {%- set null_string = 'cast(null as ' ~ string_type ~ ')' -%}
    {%- set null_bigint = 'cast(null as ' ~ bigint_type ~ ')' -%}
    {%- set run_values = [
        "cast('" ~ invocation_id ~ "' as " ~ string_type ~ ")",
        "cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as " ~ timestamp_type ~ ")",
        "cast('" ~ modules.datetime.datetime.now(modules.pytz.utc).strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as " ~ timestamp_type ~ ")",
        "cast('" ~ (flags.WHICH | string | replace("'", "''")) ~ "' as " ~ string_type ~ ")",
        "cast('" ~ (target.name | string | replace("'", "''")) ~ "' as " ~ string_type ~ ")",
    ] | join(', ') -%}
    {%- set rows = [] -%}
    {%- for result in results if result.node is defined and result.node is not none -%}
        {%- set node = result.node -%}
        {%- set texts = [
            node.unique_id,
            node.name,
            node.resource_type.value if node.resource_type.value is defined else node.resource_type,
            node.attached_node if node.attached_node is defined else none,
            result.status.value if result.status.value is defined else result.status,
        ] -%}
        {%- set values = [run_values] -%}
        {%- for text in texts -%}
            {%- do values.append(null_string if text is none else
                "cast('" ~ (text | string | replace("'", "''")) ~ "' as " ~ string_type ~ ")") -%}
        {%- endfor -%}
        {%- set response = result.adapter_response if result.adapter_response is mapping else {} -%}
        {%- for number in [response.get('rows_affected'), result.failures if result.failures is defined else none] -%}
            {%- do values.append(
                'cast(' ~ (number | int) ~ ' as ' ~ bigint_type ~ ')' if number is number else null_bigint) -%}
        {%- endfor -%}
        {%- set seconds = result.execution_time if result.execution_time is defined else none -%}
        {%- do values.append('cast(' ~ ('%.3f' | format(seconds)) ~ ' as ' ~ numeric_type ~ ')'
            if seconds is number else 'cast(null as ' ~ numeric_type ~ ')') -%}
        {%- set message = result.message if result.message is defined else none -%}
        {%- do values.append(null_string if message is none else
            "cast('" ~ ((message | string)[:2000] | replace("'", "''")) ~ "' as " ~ string_type ~ ")") -%}
        {%- do rows.append('(' ~ values | join(', ') ~ ')') -%}
    {%- endfor -%}
    {{ return(rows) }}
{% endmacro %}

{% macro _run_log_insert_sql(relation, rows) %}
    {%- set names = [] -%}
    {%- for name, data_type in data_etudes._run_log_columns() -%}
        {%- do names.append(name) -%}
    {%- endfor -%}
    {{ return('insert into ' ~ relation ~ ' (' ~ names | join(', ') ~ ') values ' ~ rows | join(', ')) }}
{% endmacro %}
