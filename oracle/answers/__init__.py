"""Known answers, one module per area.

Each module defines ANSWERS, a tuple of functions `(shop: Shop) -> ExpectedSeed`.
The oracle imports every module here, so an etude registers its answers by
adding a module (e.g. dme_003_query_review.py) and nothing else:

    from oracle.registry import Column, ExpectedSeed
    from oracle.values import INTEGER, MONEY

    def expected_dme_003_category_figures(shop):
        rows = ...  # computed from shop (or shop.raw.rows("raw_...")), never from SQL output
        return ExpectedSeed(
            name="expected_dme_003_category_figures",
            description="What the corrected query returns.",
            columns=(Column("category_id", INTEGER), Column("revenue_usd", MONEY)),
            rows=tuple(rows),
        )

    ANSWERS = (expected_dme_003_category_figures,)

Then `python -m oracle` writes seeds/expected/expected_dme_003_category_figures.csv
and its column types in seeds/expected/_expected__seeds.yml.
"""
