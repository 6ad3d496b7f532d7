-- DME-009, question 2 of the business review, as asked:
--   "What share of paid orders was paid by card?"
-- Paid orders: the orders the shop knows with at least one successful payment;
-- paid by card: at least one of those successful payments was by card.
-- The answer is the model dme_009__card_payment_share.
select
    paid_order_count,
    card_paid_order_count,
    card_share_pct
from {{ ref('dme_009__card_payment_share') }}
