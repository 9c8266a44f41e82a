"""Add to cart and Remove toggle on the grid's cards and on the product
page (docs/TESTING.md, "Product grid" and "Product page")."""

from selenium.webdriver.common.by import By

from conftest import css_testid


def test_a_cards_add_to_cart_turns_into_remove_and_back(shop):
    shop.open("/")
    first = shop.card_ids()[0]  # lists are walked by data-product-id
    name = shop.products()[first]["name"]

    shop.add_from_grid(first)
    assert shop.path() == f"/?sort=featured#product-{first}"
    assert shop.cart_count() == 1
    [flash] = shop.in_card(first, "flash")
    assert flash.text == f"Added 1 × {name} to your cart."
    assert shop.in_card(first, f"add-to-cart-{first}") == []

    shop.follow(shop.find(f"#remove-from-cart-{first}"))
    assert shop.path() == f"/?sort=featured#product-{first}"
    assert shop.cart_count() == 0
    [flash] = shop.in_card(first, "flash")
    assert flash.text == f"Removed {name} from your cart."
    assert shop.in_card(first, f"remove-from-cart-{first}") == []
    assert shop.in_card(first, f"add-to-cart-{first}")


def test_only_the_cards_of_products_in_the_cart_offer_remove(shop):
    shop.add_from_product_page(2, 3)
    shop.add_from_grid(5)
    shop.open("/?sort=price_desc")
    for card in shop.cards():
        product_id = card.get_attribute("data-product-id")
        removes = card.find_elements(By.ID, f"remove-from-cart-{product_id}")
        adds = card.find_elements(By.ID, f"add-to-cart-{product_id}")
        in_cart = product_id in ("2", "5")
        assert (len(removes), len(adds)) == ((1, 0) if in_cart else (0, 1)), product_id


def test_the_product_page_offers_remove_beside_add_to_cart_once_in_the_cart(shop):
    shop.open("/products/3")
    assert shop.find_all("#remove-from-cart-3") == []

    shop.add_from_product_page(3, 2)
    assert shop.text("in-cart-count") == "2"
    assert shop.find_all("#add-to-cart-3"), "Add to cart stays, to add more"

    shop.follow(shop.find("#remove-from-cart-3"))
    assert shop.path() == "/products/3"
    assert shop.cart_count() == 0
    assert shop.flash()[2] == f"Removed {shop.products()[3]['name']} from your cart."
    assert shop.find_all(css_testid("in-cart")) == []
    assert shop.find_all("#remove-from-cart-3") == []
