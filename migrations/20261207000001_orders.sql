-- Placed orders and their lines. The same SQL runs on SQLite and Postgres:
-- ids are UUIDs as text, times are Unix milliseconds, money is integer cents.
CREATE TABLE orders (
    id TEXT PRIMARY KEY,
    -- One cart, one order: the checkout that placed it, unique.
    checkout TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL,
    account TEXT NOT NULL,
    placed_at_ms BIGINT NOT NULL,
    full_name TEXT NOT NULL,
    email TEXT NOT NULL,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    subtotal_cents BIGINT NOT NULL,
    shipping_cents BIGINT NOT NULL,
    status TEXT NOT NULL
);

CREATE INDEX orders_by_account ON orders (account, placed_at_ms);

CREATE TABLE order_lines (
    order_id TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    quantity BIGINT NOT NULL,
    unit_price_cents BIGINT NOT NULL,
    PRIMARY KEY (order_id, position)
);
