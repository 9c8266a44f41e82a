"""The Glitch User, slow only to sign in, and Reset app state, which
empties the cart but keeps the sign-in (docs/TESTING.md)."""

import time

from conftest import css_testid


def test_only_the_glitch_users_sign_in_is_slow(shop):
    started = time.monotonic()
    shop.log_in("glitch")  # the Log in post is answered 2 seconds late
    assert time.monotonic() - started >= 2.0
    started = time.monotonic()
    shop.open("/cart")  # nothing else waits
    assert time.monotonic() - started < 2.0
    assert shop.text("current-user") == "Glitch User"


def test_reset_app_state_empties_the_cart_and_keeps_the_sign_in(shop):
    shop.log_in("alice")
    shop.add_from_product_page(1, 2)
    assert shop.cart_count() == 2
    shop.open("/session")
    shop.follow(shop.find("#reset-state"))
    assert shop.path() == "/session"
    assert shop.cart_count() == 0
    assert shop.text("current-user") == "Alice"
    _, role, text = shop.flash()
    assert role == "status"
    assert text.startswith("Your cart and checkout were emptied.")
    assert shop.find_all(css_testid("nav-login")) == []
