"""DME-005's deliveries at the edges of the contract, appended to seeds/raw/raw_marketplace_order_feed.csv.

Batches 1 to 3 were written once (seeds/README.md). This script (re)writes batches 4 and 5 with a
random generator of their own, so a threshold read the wrong way meets a file on each side of it:

- batch 4 (2025-06-30): 200 orders, 10 without a customer id, exactly 5 %: within the contract
  (at most 5 %). A count threshold (`error_if: ">5"`) or a rate compared with `<` refuses it.
- batch 5 (2025-07-01): 130 orders, 7 without a customer id, 5.4 %: just outside the contract,
  and a batch number other than 2. A loose rate (6 %, 25 %), a count threshold that lets batch 4
  through, or a test that refuses batch 2 by its number lets it reach the dashboard.

Customer ids are drawn from the customers batches 1 to 3 already link (CRM customers who did not
ask for erasure, so every linked order has a tier). Run: python seeds/generate_dme_005_extra_deliveries.py
"""

from __future__ import annotations

import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path

FEED = Path(__file__).parent / "raw" / "raw_marketplace_order_feed.csv"
# batch -> (feed date, orders, orders without a customer id, delivered at)
EXTRA = {
    4: (date(2025, 6, 30), 200, 10, "2025-07-01T02:10:00Z"),
    5: (date(2025, 7, 1), 130, 7, "2025-07-02T02:10:00Z"),
}


def extra_rows(known_customers: list[str]) -> list[dict[str, str]]:
    rng = random.Random("20250630-dme_005")
    rows = []
    for batch, (day, orders, guests, delivered_at) in EXTRA.items():
        seconds = sorted(rng.sample(range(86_400), orders))
        without_customer = set(rng.sample(range(orders), guests))
        for number, second in enumerate(seconds):
            ordered_at = datetime(day.year, day.month, day.day) + timedelta(seconds=second)
            rows.append({
                "batch_number": str(batch),
                "feed_date": day.isoformat(),
                "marketplace_order_id": f"MP-{day:%Y%m%d}-{number + 1:04d}",
                "customer_id": "" if number in without_customer else rng.choice(known_customers),
                "ordered_at": ordered_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "order_total_usd": f"{rng.randint(1500, 40000) / 100:.2f}",
                "delivered_at": delivered_at,
            })
    return rows


def main() -> None:
    with FEED.open(newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        kept = [row for row in reader if int(row["batch_number"]) not in EXTRA]
    known = sorted({row["customer_id"] for row in kept if row["customer_id"]}, key=int)
    with FEED.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept + extra_rows(known))


if __name__ == "__main__":
    main()
