"""The Error User's two faults, each checked against alice."""

from conftest import css_testid

REMOVE_FAILED = "Sorry, that item could not be removed. Nothing was changed; please try again."
ORDER_FAILED = "Sorry, your order could not be placed. Nothing was charged; please try again."


def remove_mug(shop):
    shop.add_from_product_page(1, 2)
    shop.open("/cart")
    shop.follow(shop.find("#remove-line-1"))


def test_removing_a_line_fails_for_the_error_user(shop):
    shop.log_in("error")
    remove_mug(shop)
    assert shop.path() == "/cart"
    _, role, text = shop.flash()
    assert (role, text) == ("alert", REMOVE_FAILED)
    assert shop.find("#quantity-1").get_attribute("value") == "2"
    assert shop.cart_count() == 2


def test_alice_removes_a_line(shop):
    shop.log_in("alice")
    remove_mug(shop)
    _, role, text = shop.flash()
    assert (role, text) == ("status", "Removed Rocket Mug from your cart.")
    assert shop.find_all('[data-testid="cart-empty"]')
    assert shop.cart_count() == 0


def test_removing_from_a_grid_card_fails_in_that_card_for_the_error_user(shop):
    shop.log_in("error")
    shop.add_from_grid(3)
    shop.follow(shop.find("#remove-from-cart-3"))
    assert shop.path() == "/?sort=featured#product-3"
    [flash] = shop.in_card(3, "flash")
    assert (flash.get_attribute("role"), flash.text) == ("alert", REMOVE_FAILED)
    assert shop.in_card(3, "remove-from-cart-3"), "the card still offers Remove"
    assert shop.cart_count() == 1


def test_alice_removes_from_a_grid_card(shop):
    shop.log_in("alice")
    shop.add_from_grid(3)
    shop.follow(shop.find("#remove-from-cart-3"))
    assert shop.in_card(3, "add-to-cart-3")
    assert shop.cart_count() == 0
    assert shop.find_all(css_testid("flash") + "[role=alert]") == []


def test_the_error_users_first_place_order_fails_and_the_second_works(shop):
    shop.log_in("error")
    shop.add_from_grid(1)
    shop.give_shipping_details()
    shop.place_order()
    assert shop.path() == "/checkout/review"
    _, role, text = shop.flash()
    assert (role, text) == ("alert", ORDER_FAILED)
    assert shop.cart_count() == 1

    shop.place_order()
    assert shop.path().startswith("/orders/")
    assert shop.cart_count() == 0


def test_alice_places_her_order_the_first_time(shop):
    shop.log_in("alice")
    shop.add_from_grid(1)
    shop.give_shipping_details()
    shop.place_order()
    assert shop.path().startswith("/orders/")
