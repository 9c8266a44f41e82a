"""The Script User's five faults, which need JavaScript, each checked
against alice (docs/TESTING.md, "script — Script User"): an alert to
accept, a console error to read, a button that does nothing, a field that
drops characters, a link that opens another product."""

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import WAIT_SECONDS, gone

ALERT = "Heads up: this item is about to be removed from your cart."
CONSOLE_ERROR = "Could not load the recommendations for this product."


def cart_with_mug_and_crab(shop, username):
    shop.log_in(username)
    for product_id in (1, 2):
        shop.add_from_product_page(product_id, 1)
    shop.open("/cart")


def cart_lines(shop):
    return [line.get_attribute("data-product-id")
            for line in shop.find_all('[data-testid="cart-table"] [data-product-id]')]


def console_errors(driver):
    """The console's errors since the last call (ChromeDriver's log empties
    as it is read)."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_remove_opens_an_alert_for_the_script_user_and_removes_once_accepted(shop):
    cart_with_mug_and_crab(shop, "script")
    old_page = shop.find("html")
    shop.find("#remove-line-1").click()
    alert = WebDriverWait(shop.driver, WAIT_SECONDS).until(expected_conditions.alert_is_present())
    assert alert.text == ALERT
    alert.accept()
    WebDriverWait(shop.driver, WAIT_SECONDS).until(gone(old_page))
    assert cart_lines(shop) == ["2"]
    _, role, text = shop.flash()
    assert (role, text) == ("status", "Removed Rocket Mug from your cart.")


def test_alice_removes_a_line_without_an_alert(shop):
    cart_with_mug_and_crab(shop, "alice")
    shop.follow(shop.find("#remove-line-1"))
    assert cart_lines(shop) == ["2"]


@pytest.mark.parametrize("username, errors", [("script", [CONSOLE_ERROR]), ("alice", [])])
def test_only_the_script_users_product_page_logs_an_error(shop, username, errors):
    shop.log_in(username)
    console_errors(shop.driver)  # forget what earlier pages logged
    shop.open("/products/3")
    logged = console_errors(shop.driver)
    assert len(logged) == len(errors)
    for message, expected in zip(logged, errors):
        assert expected in message  # ChromeDriver prefixes the script's URL and line


def test_empty_cart_does_nothing_for_the_script_user(shop):
    cart_with_mug_and_crab(shop, "script")
    old_page = shop.find("html")
    shop.find("#clear-cart").click()
    # Waiting for something that must not happen: a short, bounded wait.
    with pytest.raises(TimeoutException):
        WebDriverWait(shop.driver, 1).until(gone(old_page))
    shop.open("/cart")
    assert cart_lines(shop) == ["1", "2"]


def test_alice_empties_her_cart(shop):
    cart_with_mug_and_crab(shop, "alice")
    shop.follow(shop.find("#clear-cart"))
    assert shop.find_all('[data-testid="cart-empty"]')


@pytest.mark.parametrize("username, kept", [("script", "Ad Lveac"), ("alice", "Ada Lovelace")])
def test_the_script_users_full_name_drops_every_third_character(shop, username, kept):
    cart_with_mug_and_crab(shop, username)
    shop.open("/checkout")
    shop.type_into("#full_name", "Ada Lovelace")
    assert shop.find("#full_name").get_attribute("value") == kept


@pytest.mark.parametrize("username, opened", [("script", "/products/2"), ("alice", "/products/1")])
def test_the_rocket_mugs_grid_link_opens_the_crab_plushie_for_the_script_user(shop, username, opened):
    shop.log_in(username)
    shop.open("/")
    link = shop.find("#product-link-1")
    assert link.get_attribute("href").endswith("/products/1")  # the href is right
    shop.follow(link)
    assert shop.path() == opened
