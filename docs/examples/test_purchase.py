"""The purchase flow, as alice: grid, product page, cart, checkout, order."""

import re

from conftest import css_testid


def test_alice_buys_two_mugs_and_a_hoodie(shop):
    shop.log_in("alice")

    shop.add_from_grid(1, 2)
    assert shop.path() == "/?sort=featured#product-1"  # back at the card
    _, role, text = shop.flash()
    assert (role, text) == ("status", "Added 2 × Rocket Mug to your cart.")

    shop.add_from_product_page(4, 1)
    assert shop.path() == "/products/4"
    assert shop.cart_count() == 3

    shop.open("/cart")
    lines = shop.find_all('tr[data-testid^="cart-line-"]')
    assert [line.get_attribute("data-testid") for line in lines] == ["cart-line-1", "cart-line-4"]
    assert shop.find("#quantity-1").get_attribute("value") == "2"
    assert shop.text("line-total-1") == "€29.00"
    assert shop.text("cart-item-count") == "3"
    assert shop.text("cart-total") == "€83.90"

    shop.follow(shop.find(css_testid("checkout-link")))
    assert shop.path() == "/checkout"
    shop.give_shipping_details()
    assert shop.path() == "/checkout/review"
    assert shop.text("review-subtotal") == "€83.90"
    assert shop.text("review-shipping") == "Free"
    assert shop.text("review-total") == "€83.90"
    assert shop.text("review-ship-to-name") == "Ada Lovelace"

    shop.place_order()
    assert re.fullmatch(r"/orders/[0-9a-f-]{36}", shop.path())
    assert shop.path() == "/orders/" + shop.text("order-id")
    order_lines = shop.find_all("[data-testid^='order-line-'][data-product-id]")
    assert [line.get_attribute("data-product-id") for line in order_lines] == ["1", "4"]
    assert shop.text("order-line-quantity-1") == "2"
    assert shop.text("order-total") == "€83.90"
    assert shop.cart_count() == 0


def test_a_bad_quantity_answers_at_cart_add_with_the_message_next_to_the_field(shop):
    shop.open("/products/2")
    shop.type_into("#product-quantity-2", "100")
    shop.follow(shop.find("#add-to-cart-2"))
    assert shop.path() == "/cart/add"
    field = shop.find("#product-quantity-2")
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("value") == "100"
    error = shop.find("#" + field.get_attribute("aria-describedby"))
    assert error.get_attribute("role") == "alert"
    assert error.text == "Quantity of Crab Plushie must be a whole number from 1 to 99."
    assert shop.cart_count() == 0
