"""The Flaky User's intermittent failure, proved from its documented rule
(docs/TESTING.md, "flaky — Flaky User") rather than retried away: the
seed on the page says which adds fail, and exactly those do."""

import pytest


def seed(shop):
    return int(shop.find("body").get_attribute("data-flaky-seed"))


def add_from_its_card(shop, product_id):
    """Presses a card's Add to cart on the grid; answers the flash."""
    shop.open("/")
    shop.follow(shop.find(f"#add-to-cart-{product_id}"))
    return shop.flash()


def test_the_flaky_user_fails_exactly_the_adds_its_seed_predicts(shop):
    names = {p["product_id"]: p["name"] for p in shop.api("/api/products")}
    shop.log_in("flaky")
    s = seed(shop)
    assert s in (0, 1, 2)
    in_cart = 0
    for n, product_id in enumerate(range(1, 7), start=1):
        _, role, text = add_from_its_card(shop, product_id)
        if (s + n) % 3 == 0:
            assert role == "alert"
            assert text == (f"Sorry, {names[product_id]} could not be added to your cart. "
                            "Nothing was changed; please try again.")
        else:
            in_cart += 1
            assert role == "status"
        assert shop.cart_count() == in_cart
    assert in_cart == 4, "two adds in six failed"


@pytest.mark.parametrize("username", ["alice", "script"])
def test_other_accounts_never_fail_an_add_and_have_no_seed(shop, username):
    shop.log_in(username)
    assert shop.find("body").get_attribute("data-flaky-seed") is None
    for product_id in range(1, 4):
        _, role, _ = add_from_its_card(shop, product_id)
        assert role == "status"
    assert shop.cart_count() == 3
