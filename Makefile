# The project's commands. Every target installs what it needs into .venv
# from the pinned dependencies in pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# A second dbt, the oldest version the package supports: the package's tests run on both.
VENV_DBT_1_10 := .venv-dbt-1.10
INSTALLED_DBT_1_10 := $(VENV_DBT_1_10)/.installed
# Spark (pyspark and dbt-spark) in .venv: the package's integration suite also runs on it when installed.
INSTALLED_SPARK := $(VENV)/.installed-spark

.PHONY: install install-dbt-1.10 install-spark demo test test-full lint bench clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	@# setuptools warns about every editable install of a flat layout; the etudes package is one folder.
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

$(INSTALLED_DBT_1_10): integration_tests/requirements-dbt-1.10.txt
	$(PYTHON) -m venv $(VENV_DBT_1_10)
	$(VENV_DBT_1_10)/bin/pip install --quiet --disable-pip-version-check -r integration_tests/requirements-dbt-1.10.txt
	touch $(INSTALLED_DBT_1_10)

install-dbt-1.10: $(INSTALLED_DBT_1_10)

$(INSTALLED_SPARK): $(INSTALLED)
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev,spark]'
	touch $(INSTALLED_SPARK)

install-spark: $(INSTALLED_SPARK)

## demo: build the platform and the etudes on DuckDB, then print the etude board.
demo: install
	$(BIN)/etudes demo

## lint: sqlfluff, YAML and whitespace checks, dbt parse (all pre-commit hooks).
lint: install
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

## test: lint, then the whole Python test suite (dbt on DuckDB and PostgreSQL; the package also on dbt 1.10 and on Spark).
test: lint install-dbt-1.10 install-spark
	$(BIN)/pytest -n 2 --dist worksteal --durations=25

## test-full: `make test` with the whole etude proof: every fix on every engine it lists and against
## every check (make test runs each on one engine in turn, a wrong one against the checks it must fail)
## and every solution on every hidden data variant on every engine (make test: variant 1 on DuckDB,
## variant 2 on PostgreSQL). About twice as long.
test-full: lint install-dbt-1.10 install-spark
	DATA_ETUDES_FULL_PROOF=1 $(BIN)/pytest -n 2 --dist worksteal

## bench: the volume benchmarks (10 million rows); not part of `make test`.
bench: install
	$(BIN)/python -m bench

clean:
	rm -rf target target_* logs dbt_packages integration_tests/target integration_tests/logs \
		integration_tests/dbt_packages .etudes *.duckdb integration_tests/*.duckdb
