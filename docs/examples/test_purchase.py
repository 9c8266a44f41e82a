"""The purchase flow, as alice: grid, product page, cart, checkout, order."""

import re

from conftest import css_testid, money


def test_alice_buys_two_mugs_and_a_hoodie(shop):
    products = shop.products()  # names and prices come from the API
    mug, hoodie = products[1], products[4]
    shop.log_in("alice")

    shop.add_from_grid(1)  # the grid adds one
    assert shop.path() == "/?sort=featured#product-1"  # back at the card
    _, role, text = shop.flash()
    assert (role, text) == ("status", f"Added 1 × {mug['name']} to your cart.")

    shop.add_from_product_page(4, 1)
    assert shop.path() == "/products/4"
    assert shop.cart_count() == 2

    shop.open("/cart")  # a second mug: the quantity is chosen in the cart
    shop.type_into("#quantity-1", "2")
    shop.follow(shop.find("#update-line-1"))
    lines = shop.find_all(css_testid("cart-table") + " [data-product-id]")
    assert [line.get_attribute("data-product-id") for line in lines] == ["1", "4"]
    assert shop.find("#quantity-1").get_attribute("value") == "2"
    assert shop.text("line-unit-price-1") == money(mug["price_cents"])
    assert shop.text("line-total-1") == money(2 * mug["price_cents"])
    subtotal = 2 * mug["price_cents"] + hoodie["price_cents"]
    assert shop.text("cart-item-count") == "3"
    assert shop.text("cart-total") == money(subtotal)

    shop.follow(shop.find(css_testid("checkout-link")))
    assert shop.path() == "/checkout"
    shop.give_shipping_details()
    assert shop.path() == "/checkout/review"
    # Shipping: €4.90 below a €50.00 subtotal, else free (docs/TESTING.md).
    shipping = 0 if subtotal >= 5000 else 490
    assert shop.text("review-subtotal") == money(subtotal)
    assert shop.text("review-shipping") == ("Free" if shipping == 0 else money(shipping))
    assert shop.text("review-total") == money(subtotal + shipping)
    assert shop.text("review-ship-to-name") == "Ada Lovelace"

    shop.place_order()
    assert re.fullmatch(r"/orders/[0-9a-f-]{36}", shop.path())
    assert shop.path() == "/orders/" + shop.text("order-id")
    order_lines = shop.find_all(css_testid("order-lines") + " [data-product-id]")
    assert [line.get_attribute("data-product-id") for line in order_lines] == ["1", "4"]
    assert shop.text("order-line-quantity-1") == "2"
    assert shop.text("order-total") == money(subtotal + shipping)
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
    name = shop.products()[2]["name"]
    assert error.text == f"Quantity of {name} must be a whole number from 1 to 99."
    assert shop.cart_count() == 0
