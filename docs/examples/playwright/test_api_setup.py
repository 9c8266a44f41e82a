"""Set-up through the JSON API, checks in the page (docs/TESTING.md, "The
JSON API"). The API and the pages share one session, the `session` cookie,
so a test builds a cart in a few requests instead of a dozen clicks, then
looks at it as a shopper would. Prices and names come from the API, never
copied into the test."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, lines_of, money

CART_LINES = "[data-testid='cart-table'] [data-product-id]"


def test_a_cart_built_through_the_api_is_the_cart_the_page_shows(page, api):
    prices = {p["product_id"]: p["price_cents"] for p in api.get("/api/products").json()}

    added = api.post("/api/cart/lines", data={"product_id": 1, "quantity": 2})
    assert added.status == 200
    api.post("/api/cart/lines", data={"product_id": 4})  # quantity 1 when absent
    cart = api.patch("/api/cart/lines/4", data={"quantity": 3}).json()
    assert lines_of(cart) == [(1, 2), (4, 3)]

    page.goto("/cart")
    lines = page.locator(CART_LINES)
    expect(lines).to_have_count(2)
    assert [line.get_attribute("data-product-id") for line in lines.all()] == ["1", "4"]
    expect(page.locator("#quantity-4")).to_have_value("3")
    expect(page.get_by_test_id("line-total-4")).to_have_text(money(3 * prices[4]))
    expect(page.get_by_test_id("cart-total")).to_have_text(money(cart["total_cents"]))
    expect(page.get_by_test_id("cart-count")).to_have_text(str(cart["item_count"]))

    emptied = api.delete("/api/cart/lines/1")
    assert lines_of(emptied.json()) == [(4, 3)]
    page.reload()
    expect(lines).to_have_count(1)


def test_what_a_shopper_adds_on_the_page_the_api_reads(page, api):
    crab = next(p for p in api.get("/api/products").json() if p["product_id"] == 2)
    page.goto("/products/2")
    page.locator("#product-quantity-2").fill("3")
    page.locator("#add-to-cart-2").click()
    expect(page.get_by_test_id("flash")).to_have_text(f"Added 3 × {crab['name']} to your cart.")
    assert lines_of(api.get("/api/cart").json()) == [(2, 3)]


def test_a_line_added_through_the_api_turns_its_grid_card_to_remove(page, api):
    api.post("/api/cart/lines", data={"product_id": 6, "quantity": 2})
    page.goto("/")
    card = page.get_by_test_id("product-card-6")
    expect(card.locator("#remove-from-cart-6")).to_be_visible()
    expect(card.locator("#add-to-cart-6")).to_have_count(0)

    card.locator("#remove-from-cart-6").click()
    expect(page.locator("#add-to-cart-6")).to_be_visible()
    assert lines_of(api.get("/api/cart").json()) == []


def test_the_shops_own_pages_may_call_the_api(page):
    page.goto("/")
    status = page.evaluate(
        """async () => {
            const response = await fetch('/api/cart/lines', {
                method: 'POST',
                headers: {'Content-Type': 'application/json'},
                body: JSON.stringify({product_id: 3, quantity: 2}),
            });
            return response.status;
        }"""
    )
    assert status == 200  # same origin: the browser's Origin header is the shop's
    page.reload()
    expect(page.get_by_test_id("cart-count")).to_have_text("2")


def test_refusals_are_json_with_a_message_and_change_nothing(page, api):
    api.post("/api/cart/lines", data={"product_id": 1})

    too_many = api.post("/api/cart/lines", data={"product_id": 1, "quantity": 100})
    assert too_many.status == 422
    assert too_many.json()["error"] == {
        "status": 422,
        "title": "Request not understood",
        "message": "Quantity must be a whole number from 1 to 99.",
        "field": "quantity",
    }
    foreign = api.post(
        "/api/cart/lines", data={"product_id": 1}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status == 403
    as_form = api.post("/api/cart/lines", form={"product_id": "1"})
    assert as_form.status == 415
    wrong_method = api.put("/api/cart/lines/1", data={"quantity": 2})
    assert wrong_method.status == 405
    assert wrong_method.headers["allow"] == "PATCH, DELETE"
    assert api.delete("/api/cart/lines/999").status == 404

    page.goto("/cart")
    expect(page.get_by_test_id("cart-count")).to_have_text("1")


@pytest.mark.headers({"Accept-Language": "es"})
def test_names_follow_the_language_in_the_api_and_the_page(page, api):
    added = api.post("/api/cart/lines", data={"product_id": 1})
    assert added.headers["content-language"] == "es"
    name = added.json()["lines"][0]["name"]
    assert name == "Taza Rocket"
    page.goto("/cart")
    expect(page.get_by_test_id("line-name-1")).to_have_text(name)


def test_a_cart_set_up_through_the_api_goes_through_checkout(page, api):
    """Hybrid: the API fills the cart, the page signs in (a guest's cart is
    kept) and checks out, and Playwright's `expect` waits for the label."""
    api.post("/api/cart/lines", data={"product_id": 5, "quantity": 2})

    page.goto("/login?next=/checkout")
    page.locator("#username").fill("alice")
    page.locator("#password").fill(PASSWORD)
    page.locator("#login-button").click()
    expect(page).to_have_url(re.compile(r"/checkout$"))
    for field, value in [
        ("full_name", "Ada Lovelace"),
        ("email", "ada@example.com"),
        ("address", "12 Analytical Row"),
        ("city", "London"),
        ("postal_code", "NW1 6XE"),
    ]:
        page.locator(f"#{field}").fill(value)
    page.locator("#continue-to-review").click()
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/orders/[0-9a-f-]{36}$"))

    label = page.get_by_test_id("shipping-label")
    expect(label).to_have_attribute("data-state", "preparing")
    expect(label).to_have_attribute("data-state", "ready", timeout=10_000)
    assert lines_of(api.get("/api/cart").json()) == []  # the order emptied the cart
