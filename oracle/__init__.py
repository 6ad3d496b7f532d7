"""The oracle: known answers for data_etudes, computed in plain Python.

Standard library only (csv, decimal, datetime): no SQL, no dbt, no pandas, so
an expected answer can never be copied from the SQL under test. The oracle
reads the raw CSVs in seeds/raw/, applies the shop's business rules as written
in the model descriptions, and writes one expected-result seed per answer into
seeds/expected/, plus their column types in seeds/expected/_expected__seeds.yml.

    python -m oracle           # rewrite seeds/expected/
    python -m oracle --check   # exit 1 and show the differing rows when a
                               # committed expected seed is not what the
                               # oracle computes now

Modules:
    raw       reading the raw CSVs (an empty cell is NULL, as dbt seed loads it)
    values    parsing raw text and formatting values as dbt seeds load them
    shop      the shop's cleaned entities (the rules of staging and intermediate)
    snapshots dbt's timestamp snapshot strategy, replayed over a list of runs
    registry  ExpectedSeed and the discovery of every answer module
    answers/  the platform's answers; each etude's are in its folder
              (models/etudes/<folder>/.meta/answers.py, imported as
              oracle.answers.<folder>); each module has a tuple ANSWERS of
              functions Shop -> ExpectedSeed
    cli       the `python -m oracle` command
"""
