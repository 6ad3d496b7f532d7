{#- fail_after_write: the project's failure injection, for python_tests/test_reliability.py.

    Project-only (macros/project/ is not the package's API). dbt_project.yml registers it as
    a post-hook of every model, run after the model's transaction commits. When the
    environment variable DATA_ETUDES_FAIL_AFTER_WRITE names the model's identifier, the
    model has been written and the run fails there, the way a run dies halfway; its
    dependants are skipped. Otherwise it renders to nothing and dbt runs no hook. -#}

{% macro fail_after_write() %}
    {%- if execute and env_var('DATA_ETUDES_FAIL_AFTER_WRITE', '') == this.identifier -%}
        {{ exceptions.raise_compiler_error(
            "failure injected after " ~ this ~ " was written (DATA_ETUDES_FAIL_AFTER_WRITE)"
        ) }}
    {%- endif -%}
{% endmacro %}
