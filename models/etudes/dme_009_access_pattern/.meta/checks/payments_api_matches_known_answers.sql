-- The public payments API, dme_009__payments, as a reader gets it without
-- pinning a version (the latest), serves every payment of an order the shop
-- knows once, whatever its status, compared whole: every column it serves, not
-- only those question 2 reads. It must serve the payment and its order
-- (payment_id, order_id), the method and the status as the gateway names them
-- (payment_method; payment_status: success, failed or pending) and the amount
-- in US dollars (amount_usd); any other column it serves must be one the oracle
-- knows (paid_at_utc: when the gateway first recorded the payment, UTC, a
-- replayed webhook being the same payment) and equal it
-- (seeds/expected/expected_dme_009__payments_api.csv). One failing row per row
-- missing or unexpected, with both counts; the model missing, a required column
-- missing, or a column no check can read, is a failing row of its own
-- (macros/project/dme_009_api_known_answers.sql). Read from the graph, since the
-- model is one the serving layer adds: the relation of its latest version.
{%- set found = namespace(api=none) %}
{%- if execute %}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model'
        and node.package_name == project_name
        and node.name == 'dme_009__payments'
        and (node.version is none or node.version | string == node.latest_version | string) %}
        {%- set found.api = adapter.get_relation(node.database, node.schema, node.alias) %}
    {%- endfor %}
{%- endif %}
{{ dme_009_api_matches_known_answers(
    api=found.api,
    answer=ref('expected_dme_009__payments_api'),
    required=['payment_id', 'order_id', 'payment_method', 'payment_status', 'amount_usd'],
    key='payment_id',
    api_name='dme_009__payments',
) }}
