"""Fixtures for the Playwright worked example: Debian's Chromium driven
through `executable_path` (Playwright downloads no browser), a fresh browser
context for every test (its own cookies: a new, empty session), and `api`,
that context's request client, which shares the context's cookies, so what
the API sets up is what the page shows.

Environment:
  SHOP_BASE_URL  where the shop runs (default http://127.0.0.1:8000)
  CHROME_BINARY  the browser (default /usr/bin/chromium)
"""

import os

import pytest
from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("SHOP_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
PASSWORD = "rocket-demo"


def money(cents):
    """Cents as the English pages show them: `€1,234.50`."""
    return f"€{cents // 100:,}.{cents % 100:02d}"


def lines_of(cart):
    """A cart from the API as (product id, quantity) pairs, in its order."""
    return [(line["product_id"], line["quantity"]) for line in cart["lines"]]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROME_BINARY", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser, request):
    """A new browser context: no cookies, so a new, empty session. A test
    marked `@pytest.mark.headers({...})` gets those headers on every
    request, the page's and the API's."""
    marker = request.node.get_closest_marker("headers")
    headers = marker.args[0] if marker else {}
    context = browser.new_context(base_url=BASE_URL, extra_http_headers=headers)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def api(context):
    """The JSON API on the same session as `page` (Playwright's
    `context.request`: one cookie jar for both)."""
    return context.request
