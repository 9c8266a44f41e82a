//! Placed orders: one row per order, one per line, the same SQL on SQLite
//! and Postgres (`$1` placeholders, integer cents, Unix milliseconds).

use uuid::Uuid;

use super::db::{on_engine, ShopDb, StoreError};
use crate::cart::Quantity;
use crate::catalog::ProductId;
use crate::checkout::{Order, OrderLine, OrderStatus, ShippingDetails, ShippingInput};
use crate::clock::UnixMillis;
use crate::money::Cents;

/// Which order stands for a checkout, and whether this call placed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// This call came first: its order is the one placed.
    Now(Order),
    /// An order was already placed for this checkout; here it is.
    Before(Order),
}

impl Placed {
    /// The order that stands, whoever placed it.
    pub fn order(&self) -> &Order {
        match self {
            Placed::Now(order) | Placed::Before(order) => order,
        }
    }
}

/// One line of an account's order history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderSummary {
    pub id: Uuid,
    pub placed_at_ms: UnixMillis,
    pub items: u32,
    pub total: Cents,
    pub status: OrderStatus,
}

/// A page of an account's orders, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderPage {
    pub orders: Vec<OrderSummary>,
    /// How many orders the account has in all.
    pub total: u64,
}

/// An order's row: id, placed at, the five shipping fields, subtotal,
/// shipping, status.
type OrderRow = (
    String,
    i64,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    String,
);

/// A line's row: product, quantity, unit price.
type LineRow = (i64, i64, i64);

/// A history row: id, placed at, total, status, items.
type SummaryRow = (String, i64, i64, String, i64);

const ORDER_COLUMNS: &str = "id, placed_at_ms, full_name, email, address, city, postal_code, \
     subtotal_cents, shipping_cents, status";

const INSERT_ORDER: &str = "INSERT INTO orders (id, checkout, number, account, placed_at_ms, \
     full_name, email, address, city, postal_code, subtotal_cents, shipping_cents, status) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
     ON CONFLICT (checkout) DO NOTHING";

const INSERT_LINE: &str = "INSERT INTO order_lines (order_id, position, product_id, quantity, \
     unit_price_cents) VALUES ($1, $2, $3, $4, $5)";

const PRUNE: &str = "DELETE FROM orders WHERE account = $1 AND id NOT IN \
     (SELECT id FROM orders WHERE account = $1 ORDER BY placed_at_ms DESC, id DESC LIMIT $2)";

const LINES: &str = "SELECT product_id, quantity, unit_price_cents FROM order_lines \
     WHERE order_id = $1 ORDER BY position";

const HISTORY: &str = "SELECT id, placed_at_ms, subtotal_cents + shipping_cents, status, \
     (SELECT CAST(COALESCE(SUM(quantity), 0) AS BIGINT) FROM order_lines \
      WHERE order_id = orders.id) \
     FROM orders WHERE account = $1 \
     ORDER BY placed_at_ms DESC, id DESC LIMIT $2 OFFSET $3";

impl ShopDb {
    /// Places `order` for `account` as the one order of `checkout`: the
    /// first call wins (the checkout is a unique key, so this holds across
    /// instances); every later one gets the winner back. Past `keep` orders
    /// of the account, its oldest are deleted.
    pub async fn place_order(
        &self,
        account: &str,
        checkout: Uuid,
        order: &Order,
        keep: u32,
    ) -> Result<Placed, StoreError> {
        self.noted(self.place_order_now(account, checkout, order, keep).await)
    }

    /// The order `checkout` placed, while it is kept.
    pub async fn order_for_checkout(&self, checkout: Uuid) -> Result<Option<Order>, StoreError> {
        self.noted(self.order_for_checkout_now(checkout).await)
    }

    /// Order `id` of `account`; `None` when it is not kept or is another
    /// account's.
    pub async fn order_of(&self, account: &str, id: Uuid) -> Result<Option<Order>, StoreError> {
        self.noted(self.order_of_now(account, id).await)
    }

    /// Page `page` (from 1) of `account`'s orders, `per_page` a page,
    /// newest first.
    pub async fn orders_of(
        &self,
        account: &str,
        page: u32,
        per_page: u32,
    ) -> Result<OrderPage, StoreError> {
        self.noted(self.orders_of_now(account, page, per_page).await)
    }

    // NOTE: the calls themselves, each `_now` of the method above it, whose
    // outcome that method notes for `/health`.

    async fn place_order_now(
        &self,
        account: &str,
        checkout: Uuid,
        order: &Order,
        keep: u32,
    ) -> Result<Placed, StoreError> {
        let id = order.id.to_string();
        let inserted = on_engine!(self.0, pool => {
            let mut tx = pool.begin().await?;
            let ship_to = &order.ship_to;
            let inserted = sqlx::query(INSERT_ORDER)
                .bind(&id)
                .bind(checkout.to_string())
                .bind(order.number())
                .bind(account)
                .bind(order.placed_at_ms)
                .bind(&ship_to.full_name)
                .bind(&ship_to.email)
                .bind(&ship_to.address)
                .bind(&ship_to.city)
                .bind(&ship_to.postal_code)
                .bind(cents(order.subtotal))
                .bind(cents(order.shipping))
                .bind(order.status.key())
                .execute(&mut *tx)
                .await?
                .rows_affected()
                > 0;
            if inserted {
                for (position, line) in order.lines.iter().enumerate() {
                    sqlx::query(INSERT_LINE)
                        .bind(&id)
                        .bind(i64::try_from(position).unwrap_or(i64::MAX))
                        .bind(i64::from(line.product_id.0))
                        .bind(i64::from(line.quantity.get()))
                        .bind(cents(line.unit_price))
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query(PRUNE)
                    .bind(account)
                    .bind(i64::from(keep))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            inserted
        });
        if inserted {
            return Ok(Placed::Now(order.clone()));
        }
        match self.order_for_checkout_now(checkout).await? {
            Some(before) => Ok(Placed::Before(before)),
            // NOTE: the winner was deleted in between (its account's
            // oldest); this order is placed after all.
            None => Box::pin(self.place_order_now(account, checkout, order, keep)).await,
        }
    }

    async fn order_for_checkout_now(&self, checkout: Uuid) -> Result<Option<Order>, StoreError> {
        let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE checkout = $1");
        let row: Option<OrderRow> = on_engine!(self.0, pool => {
            sqlx::query_as(&sql)
                .bind(checkout.to_string())
                .fetch_optional(pool)
                .await?
        });
        self.with_lines(row).await
    }

    async fn order_of_now(&self, account: &str, id: Uuid) -> Result<Option<Order>, StoreError> {
        let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1 AND account = $2");
        let row: Option<OrderRow> = on_engine!(self.0, pool => {
            sqlx::query_as(&sql)
                .bind(id.to_string())
                .bind(account)
                .fetch_optional(pool)
                .await?
        });
        self.with_lines(row).await
    }

    async fn orders_of_now(
        &self,
        account: &str,
        page: u32,
        per_page: u32,
    ) -> Result<OrderPage, StoreError> {
        let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
        let (total, rows): (i64, Vec<SummaryRow>) = on_engine!(self.0, pool => {
            let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM orders WHERE account = $1")
                .bind(account)
                .fetch_one(pool)
                .await?;
            let rows = sqlx::query_as(HISTORY)
                .bind(account)
                .bind(i64::from(per_page))
                .bind(offset)
                .fetch_all(pool)
                .await?;
            (total, rows)
        });
        let orders = rows
            .into_iter()
            .filter_map(|(id, placed_at_ms, total, status, items)| {
                Some(OrderSummary {
                    id: Uuid::parse_str(&id).ok()?,
                    placed_at_ms,
                    total: Cents(u64::try_from(total).ok()?),
                    status: OrderStatus::from_key(&status)?,
                    items: u32::try_from(items).ok()?,
                })
            })
            .collect();
        Ok(OrderPage {
            orders,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// The order of `row` with its lines, read back through the domain's
    /// checks; `None` for no row, or one the shop would never have written.
    async fn with_lines(&self, row: Option<OrderRow>) -> Result<Option<Order>, StoreError> {
        let Some(row) = row else {
            return Ok(None);
        };
        let lines: Vec<LineRow> = on_engine!(self.0, pool => {
            sqlx::query_as(LINES).bind(&row.0).fetch_all(pool).await?
        });
        Ok(order_from(row, lines))
    }
}

/// An order from its rows, checked as the forms check what they take.
fn order_from(row: OrderRow, lines: Vec<LineRow>) -> Option<Order> {
    let (
        id,
        placed_at_ms,
        full_name,
        email,
        address,
        city,
        postal_code,
        subtotal,
        shipping,
        status,
    ) = row;
    let amount = |n: i64| u64::try_from(n).ok().map(Cents);
    let lines = lines
        .into_iter()
        .map(|(product, quantity, price)| {
            Some(OrderLine {
                product_id: ProductId(u32::try_from(product).ok()?),
                quantity: Quantity::new(u32::try_from(quantity).ok()?)?,
                unit_price: amount(price)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let ship_to = ShippingDetails::parse(&ShippingInput {
        full_name: &full_name,
        email: &email,
        address: &address,
        city: &city,
        postal_code: &postal_code,
    })
    .ok()?;
    Some(Order {
        id: Uuid::parse_str(&id).ok()?,
        placed_at_ms,
        ship_to,
        lines,
        subtotal: amount(subtotal)?,
        shipping: amount(shipping)?,
        status: OrderStatus::from_key(&status)?,
    })
}

/// Cents as the database keeps them (prices are bounded far below `i64`).
fn cents(amount: Cents) -> i64 {
    i64::try_from(amount.get()).unwrap_or(i64::MAX)
}
