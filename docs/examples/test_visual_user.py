"""The Visual User's documented differences, measured against alice
through computed styles (the same checks a screenshot diff would flag)."""

import pytest

# (page, CSS selector, CSS property, the Visual User's value)
DIFFERENCES = [
    ("/login", "#login-button", "background-color", "rgba(47, 158, 68, 1)"),
    ("/", '[data-testid="cart-count"]', "top", "-10px"),
    ("/", "#add-to-cart-1", "font-size", "12px"),
    ("/", '[data-testid="product-price-3"]', "color", "rgba(208, 2, 27, 1)"),
]


def style(shop, page, css, prop):
    shop.open(page)
    return shop.find(css).value_of_css_property(prop)


@pytest.mark.parametrize("page,css,prop,visual", DIFFERENCES)
def test_the_visual_user_looks_different_from_alice(shop, page, css, prop, visual):
    shop.log_in("alice")
    alices = style(shop, page, css, prop)
    shop.driver.delete_cookie("session")
    shop.log_in("visual")
    assert style(shop, page, css, prop) == visual
    assert alices != visual


def test_the_visual_user_shops_like_alice(shop):
    shop.log_in("visual")
    shop.add_from_product_page(2, 3)
    assert shop.cart_count() == 3


def test_the_visual_user_sees_the_hoodie_and_the_notebook_swap_pictures(shop):
    shop.log_in("alice")
    shop.open("/")
    alices = dict(zip(shop.card_ids(), shop.card_pictures()))
    shop.driver.delete_cookie("session")
    shop.log_in("visual")
    shop.open("/")
    visuals = dict(zip(shop.card_ids(), shop.card_pictures()))
    assert visuals[4] == alices[5] == "/static/img/orbit-notebook.svg"
    assert visuals[5] == alices[4] == "/static/img/launch-hoodie.svg"
    assert {k: v for k, v in visuals.items() if k not in (4, 5)} == {
        k: v for k, v in alices.items() if k not in (4, 5)
    }
