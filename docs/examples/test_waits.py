"""Waiting for something that appears after the page has loaded: the order
page's shipping label turns ready about 3 seconds after the order."""

from selenium.webdriver.support.ui import WebDriverWait

from conftest import css_testid

LABEL = css_testid("shipping-label")


def test_the_shipping_label_becomes_ready_without_a_reload(shop):
    shop.log_in("alice")
    shop.add_from_grid(1)
    shop.give_shipping_details()
    shop.place_order()

    label = shop.find(LABEL)
    assert label.get_attribute("data-state") == "preparing"
    assert shop.text("shipping-label-status") == "Being prepared…"

    WebDriverWait(shop.driver, 10).until(
        lambda d: label.get_attribute("data-state") == "ready"
    )
    assert shop.text("shipping-label-status") == "Ready: your parcel is on its way."

    shop.open(shop.path())  # a reload now shows it ready straight away
    assert shop.find(LABEL).get_attribute("data-state") == "ready"


def test_two_adds_in_a_row_are_told_apart_by_the_flash_id(shop):
    shop.add_from_product_page(1, 1)
    first_id, _, first_text = shop.flash()
    shop.add_from_product_page(1, 1)
    second_id, _, second_text = shop.flash()
    name = shop.products()[1]["name"]
    assert second_text == first_text == f"Added 1 × {name} to your cart."
    assert int(second_id) == int(first_id) + 1
    assert shop.cart_count() == 2
