"""The Problem User's three faults, each checked against alice."""

import pytest


def test_every_product_shows_the_same_picture_to_the_problem_user(shop):
    shop.log_in("problem")
    shop.open("/")
    assert set(shop.card_pictures()) == {"/static/img/rocket-mug.svg"}


def test_alice_sees_a_different_picture_for_every_product(shop):
    shop.log_in("alice")
    shop.open("/")
    pictures = shop.card_pictures()
    assert len(set(pictures)) == len(pictures) == len(shop.api("/api/products"))


@pytest.mark.parametrize("key", ["price_asc", "price_desc"])
def test_price_sorts_leave_the_problem_users_grid_in_the_featured_order(shop, key):
    shop.log_in("problem")
    shop.open("/")
    featured = shop.card_ids()
    shop.sort_by(key)
    assert shop.path() == f"/?sort={key}"
    assert shop.card_ids() == featured


@pytest.mark.parametrize("key", ["price_asc", "price_desc"])
def test_price_sorts_sort_alices_grid(shop, key):
    products = shop.api("/api/products")
    expected = [p["id"] for p in sorted(
        products,
        key=lambda p: (p["price_cents"] if key == "price_asc" else -p["price_cents"], p["id"]),
    )]
    shop.log_in("alice")
    shop.sort_by(key)
    assert shop.card_ids() == expected


def test_the_problem_users_product_page_adds_one_whatever_the_quantity(shop):
    shop.log_in("problem")
    shop.add_from_product_page(2, 3)
    assert shop.flash()[2] == "Added 1 × Crab Plushie to your cart."
    assert shop.cart_count() == 1


def test_alices_product_page_adds_the_quantity_typed(shop):
    shop.log_in("alice")
    shop.add_from_product_page(2, 3)
    assert shop.flash()[2] == "Added 3 × Crab Plushie to your cart."
    assert shop.cart_count() == 3
