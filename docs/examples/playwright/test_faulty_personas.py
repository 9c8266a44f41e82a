"""The Script User's JavaScript faults and the Flaky User's seeded failure
(docs/TESTING.md, "script — Script User" and "flaky — Flaky User"), each
checked against alice. Carts are set up through the JSON API, which shares
the page's session; the faults are met on the pages."""

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from conftest import PASSWORD

ALERT = "Heads up: this item is about to be removed from your cart."
CONSOLE_ERROR = "Could not load the recommendations for this product."
CART_LINES = "[data-testid='cart-table'] [data-product-id]"


def log_in(page, username):
    page.goto("/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("#login-button").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def cart_with_mug_and_crab(page, api, username):
    log_in(page, username)
    for product_id in (1, 2):
        assert api.post("/api/cart/lines", data={"product_id": product_id}).ok
    page.goto("/cart")


@pytest.mark.parametrize("username, dialogs", [("script", [ALERT]), ("alice", [])])
def test_remove_opens_an_alert_only_for_the_script_user(page, api, username, dialogs):
    cart_with_mug_and_crab(page, api, username)
    seen = []

    def accept(dialog):
        seen.append((dialog.type, dialog.message))
        dialog.accept()

    page.on("dialog", accept)
    page.locator("#remove-line-1").click()
    expect(page.get_by_test_id("flash")).to_have_text("Removed Rocket Mug from your cart.")
    expect(page.locator(CART_LINES)).to_have_count(1)
    assert seen == [("alert", text) for text in dialogs]


@pytest.mark.parametrize("username, errors", [("script", [CONSOLE_ERROR]), ("alice", [])])
def test_only_the_script_users_product_page_logs_an_error(page, username, errors):
    log_in(page, username)
    logged = []
    page.on("console", lambda message: logged.append((message.type, message.text)))
    page.goto("/products/3")
    page.wait_for_load_state("load")
    assert [text for kind, text in logged if kind == "error"] == errors


def test_empty_cart_does_nothing_for_the_script_user(page, api):
    cart_with_mug_and_crab(page, api, "script")
    # Waiting for something that must not happen: a short, bounded wait.
    with pytest.raises(PlaywrightTimeoutError):
        with page.expect_navigation(timeout=1000):
            page.locator("#clear-cart").click()
    assert len(api.get("/api/cart").json()["lines"]) == 2


def test_alice_empties_her_cart(page, api):
    cart_with_mug_and_crab(page, api, "alice")
    page.locator("#clear-cart").click()
    expect(page.get_by_test_id("cart-empty")).to_be_visible()


@pytest.mark.parametrize("username, kept", [("script", "Ad Lveac"), ("alice", "Ada Lovelace")])
def test_the_script_users_full_name_drops_every_third_character(page, api, username, kept):
    cart_with_mug_and_crab(page, api, username)
    page.goto("/checkout")
    name = page.locator("#full_name")
    name.fill("Ada Lovelace")  # inserted at once
    expect(name).to_have_value(kept)
    page.reload()  # a new page counts from the start
    name.fill("")
    name.press_sequentially("Ada Lovelace")  # one key at a time
    expect(name).to_have_value(kept)


@pytest.mark.parametrize("username, opened", [("script", 2), ("alice", 1)])
def test_the_rocket_mugs_grid_link_opens_the_crab_plushie_for_the_script_user(page, username, opened):
    log_in(page, username)
    page.goto("/")
    link = page.locator("#product-link-1")
    expect(link).to_have_attribute("href", re.compile(r"/products/1$"))
    link.click()
    expect(page).to_have_url(re.compile(rf"/products/{opened}$"))


def add_on_the_grid(page, product_id):
    """Presses a card's Add to cart; answers the flash's role and text."""
    page.goto("/")
    page.locator(f"#add-to-cart-{product_id}").click()
    flash = page.get_by_test_id("flash")
    expect(flash).to_be_visible()
    return flash.get_attribute("role"), flash.text_content()


def test_the_flaky_user_fails_exactly_the_adds_its_seed_predicts(page, api):
    names = {p["product_id"]: p["name"] for p in api.get("/api/products").json()}
    log_in(page, "flaky")
    seed = int(page.locator("body").get_attribute("data-flaky-seed"))
    for n, product_id in enumerate(range(1, 7), start=1):
        before = api.get("/api/cart").json()
        role, text = add_on_the_grid(page, product_id)
        if (seed + n) % 3 == 0:
            assert role == "alert"
            assert text == (f"Sorry, {names[product_id]} could not be added to your cart. "
                            "Nothing was changed; please try again.")
            assert api.get("/api/cart").json() == before
        else:
            assert role == "status"
    assert api.get("/api/cart").json()["item_count"] == 4


def test_alice_never_fails_an_add(page, api):
    log_in(page, "alice")
    assert page.locator("body").get_attribute("data-flaky-seed") is None
    for product_id in range(1, 4):
        assert add_on_the_grid(page, product_id)[0] == "status"
    assert api.get("/api/cart").json()["item_count"] == 3
