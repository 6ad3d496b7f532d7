{#- dme_007_mark_loaded_events: DME-007's witness that a run left the history untouched.

    Project-only (macros/project/ is not the package's API), run by the scenario
    runs_rewrite_only_recent_events (etudes/catalog.toml) as a `run-operation` between two runs.
    It appends a marker to page_path on every row dme_007__web_events holds, in the warehouse,
    outside any model. A row the next run leaves alone keeps the marker; a row it deletes and
    writes again, or a table it rebuilds, loses it. The check so observes what the run did to
    the table rather than reading a column the model under test writes about itself
    (loaded_in_batch). -#}

{% macro dme_007_mark_loaded_events() %}
    {%- set events = ref('dme_007__web_events') -%}
    {%- call statement('mark_loaded_events', fetch_result=False, auto_begin=True) -%}
        update {{ events }}
        set page_path = page_path || '{{ dme_007_loaded_event_marker() }}'
    {%- endcall -%}
    {{ adapter.commit() }}
{% endmacro %}

{% macro dme_007_loaded_event_marker() -%}
    #kept-since-the-previous-run
{%- endmacro %}
