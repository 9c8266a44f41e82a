"""Fixtures for the worked example suite: a headless Chromium and a `shop`
page helper that uses only the hooks documented in docs/TESTING.md.

Environment:
  SHOP_BASE_URL  where the shop runs (default http://127.0.0.1:8000)
  CHROME_BINARY  the browser (default /usr/bin/chromium)
  CHROMEDRIVER   its driver (default /usr/bin/chromedriver); given
                 explicitly, so Selenium Manager never downloads anything.
"""

import json
import os
import urllib.parse
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

BASE_URL = os.environ.get("SHOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
PASSWORD = "rocket-demo"
WAIT_SECONDS = 10


def css_testid(value):
    """A CSS selector for one `data-testid`."""
    return f'[data-testid="{value}"]'


def money(cents):
    """An amount as English pages show it: €3,143.25."""
    return f"€{cents // 100:,}.{cents % 100:02d}"


def gone(element):
    """A wait condition: `element`'s page has been replaced. ChromeDriver
    reports a node of an unloaded page either as stale or as one that "does
    not belong to the document"; both mean it is gone."""

    def check(_driver):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise

    return check


class Shop:
    """One browser on the shop, with methods named after what a shopper does."""

    def __init__(self, driver):
        self.driver = driver

    # -- finding things -----------------------------------------------------

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self, test_id):
        return self.find(css_testid(test_id)).text

    def flash(self):
        """The flash message as (id, role, text), or None."""
        found = self.find_all(css_testid("flash"))
        if not found:
            return None
        flash = found[0]
        return (
            flash.get_attribute("data-flash-id"),
            flash.get_attribute("role"),
            flash.text,
        )

    def cart_count(self):
        return int(self.text("cart-count"))

    def cards(self):
        """The grid's product cards, in the order shown (lists are walked
        by data-product-id, never by a testid prefix)."""
        return self.find_all(css_testid("product-grid") + " [data-product-id]")

    def card_ids(self):
        """The grid's product ids, in the order shown."""
        return [int(card.get_attribute("data-product-id")) for card in self.cards()]

    def card_pictures(self):
        """The path of each card's picture, in the order shown (picture URLs
        end in ?v=…, and WebDriver makes them absolute: compare paths)."""
        return [
            urllib.parse.urlsplit(card.find_element(By.TAG_NAME, "img").get_attribute("src")).path
            for card in self.cards()
        ]

    def in_card(self, product_id, test_id):
        """The elements with `test_id` inside the grid card of `product_id`."""
        card = self.find(css_testid(f"product-card-{product_id}"))
        return card.find_elements(By.CSS_SELECTOR, css_testid(test_id))

    def api(self, path):
        """The JSON API (no session needed for /api/products)."""
        with urllib.request.urlopen(BASE_URL + path) as response:
            return json.load(response)

    def products(self):
        """Every product, by id, as the JSON API gives it to a request with
        no session and no Accept-Language (English names, prices in cents):
        the source of expected names and prices."""
        return {product["id"]: product for product in self.api("/api/products")}

    # -- moving around ------------------------------------------------------

    def open(self, path):
        self.driver.get(BASE_URL + path)

    def path(self):
        return self.driver.current_url[len(BASE_URL):]

    def follow(self, element):
        """Clicks a button or link and waits for the page it leads to: every
        action is a full page load, so the old page goes stale first."""
        old_page = self.find("html")
        element.click()
        WebDriverWait(self.driver, WAIT_SECONDS).until(gone(old_page))
        WebDriverWait(self.driver, WAIT_SECONDS).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )

    def type_into(self, css, value):
        field = self.find(css)
        field.clear()  # fields may be pre-filled: always clear first
        field.send_keys(value)

    # -- what a shopper does ------------------------------------------------

    def log_in(self, username):
        self.open("/login")
        self.type_into("#username", username)
        self.type_into("#password", PASSWORD)
        self.follow(self.find("#login-button"))
        assert self.find_all(css_testid("current-user")), "signed in"

    def add_from_grid(self, product_id):
        """Presses the card's Add to cart, which adds one (the grid has no
        quantity box); the card then offers Remove instead."""
        self.open("/")
        self.follow(self.find(f"#add-to-cart-{product_id}"))

    def add_from_product_page(self, product_id, quantity):
        self.open(f"/products/{product_id}")
        self.type_into(f"#product-quantity-{product_id}", str(quantity))
        self.follow(self.find(f"#add-to-cart-{product_id}"))

    def sort_by(self, key):
        """Chooses a sort order, which changes nothing until the Sort button
        is pressed; then waits for the new page."""
        self.open("/")
        Select(self.find("#sort")).select_by_value(key)
        self.follow(self.find("#sort-apply"))

    def give_shipping_details(self):
        self.open("/checkout")
        for field, value in [
            ("full_name", "Ada Lovelace"),
            ("email", "ada@example.com"),
            ("address", "12 Analytical Row"),
            ("city", "London"),
            ("postal_code", "NW1 6XE"),
        ]:
            self.type_into(f"#{field}", value)
        self.follow(self.find("#continue-to-review"))

    def place_order(self):
        self.follow(self.find("#place-order"))


@pytest.fixture(scope="session")
def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROME_BINARY", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    # Keep the console's messages, for driver.get_log("browser").
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    browser = webdriver.Chrome(service=service, options=options)
    yield browser
    browser.quit()


@pytest.fixture
def shop(driver):
    """A clean start for every test: the `session` cookie is deleted, so the
    next request begins a new, empty session (docs/TESTING.md, "Resetting")."""
    driver.get(BASE_URL + "/health")  # any page of the site, to reach its cookies
    driver.delete_cookie("session")
    return Shop(driver)
