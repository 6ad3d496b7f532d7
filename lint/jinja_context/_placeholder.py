"""Shared stand-in for dbt's runtime objects while sqlfluff renders a file.

sqlfluff's jinja templater knows dbt's `ref`, `source`, `config` and `var`,
but not the adapter, the package namespace or the cross-database macros. Each
module in this folder becomes a name in the template context; any attribute
of it is a callable that renders a neutral SQL identifier, so the surrounding
SQL still parses and is linted.
"""

PLACEHOLDER = "lint_placeholder"


def render_placeholder(*args, **kwargs) -> str:
    return PLACEHOLDER


def module_getattr(name: str):
    if name.startswith("__"):
        raise AttributeError(name)
    return render_placeholder
