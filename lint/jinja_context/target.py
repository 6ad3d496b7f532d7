"""`target.<attribute>` while linting: dbt's target as plain placeholder strings.

A model that builds a name from the target (`{{ target.schema }}_staging`) then renders
SQL that parses, so the rest of the file is linted.
"""

name = "lint_target"
type = "duckdb"
schema = "lint_target_schema"
database = "lint_target_database"
profile_name = "data_etudes"
threads = 1
