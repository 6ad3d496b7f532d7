-- The PII property test is not vacuous: of the 10,000 keyed hashes of 'customer_1' .. 'customer_10000'
-- (key integration-tests-only-key), 443 hold a run of 13 digits or more, which a pattern without the
-- Luhn check and the token edges took for a payment card. (443 was counted outside dbt, with Python's
-- hashlib.sha256 of 'integration-tests-only-key:customer_<n>'.) Fails when the count differs.
with

long_runs as (
    select count(*) as hashes_with_long_digit_runs
    from {{ ref('pii_keyed_hashes') }}
    {% if target.type == 'postgres' -%}
        where customer_key_hash ~ '[0-9]{13}'
    {%- elif target.type == 'spark' -%}
        where customer_key_hash rlike '[0-9]{13}'
    {%- else -%}
        where regexp_matches(customer_key_hash, '[0-9]{13}')
    {%- endif %}
)

select hashes_with_long_digit_runs
from long_runs
where hashes_with_long_digit_runs <> 443
