# What every page shares: the header, the language switcher and the footer.
#
# Messages that hold markup are shown as HTML: keep their tags and attributes
# exactly as they are (a test compares them between languages).

nav_products = Products
nav_session = Your session
nav_cart = Cart
# $name: the logged-in account's display name.
signed_in_as = <span class="signed-in__prefix">Logged in as </span><strong id="current-user" data-testid="current-user">{ $name }</strong>
log_out = Log out
log_in = Log in
# The phone header's button that opens the navigation, account and language.
menu = Menu
language = Language
change_language = Change
footer_demo = Session Shop is a demo store: nothing is for sale and no order is shipped. Everything it knows about you lives in one encrypted cookie: <a href="/session" id="footer-session" data-testid="footer-session">see what it holds</a>.
flash_language = The shop now speaks English.
flash_details_saved = Shipping details saved. Check your order, then place it.
flash_remove_failed = Sorry, that item could not be removed. Nothing was changed; please try again.
flash_order_failed = Sorry, your order could not be placed. Nothing was charged; please try again.
flash_add_failed = Sorry, { $product } could not be added to your cart. Nothing was changed; please try again.
# The Script User's deliberate faults (static/js/script-user.js): the alert
# shown on Remove, and the error logged in the console on the product page.
fault_alert_remove = Heads up: this item is about to be removed from your cart.
fault_console_product = Could not load the recommendations for this product.

# The first link of every page, for keyboard users.
skip_to_content = Skip to content
# The name of the header's navigation, for screen readers.
nav_label = Main
# The page description search engines show, for pages without their own.
meta_description = Session Shop, a small demo store whose whole session, cart included, lives in one encrypted cookie.
# The error summary at the top of a refused form: one link per field, worded as its message.
error_summary_fields = Fields to correct:
# The start of the title of a page that shows a refused form ("Error: Checkout").
error_title = Error
footer_learn = New to web sessions? <a href="/learn" id="footer-learn" data-testid="footer-learn">Follow the walkthrough</a>, or read the article's routes: <a href="/test/session/set" id="footer-article-set" data-testid="footer-article-set">set</a>, <a href="/test/session/check" id="footer-article-check" data-testid="footer-article-check">check</a>, <a href="/test/session/pop" id="footer-article-pop" data-testid="footer-article-pop">pop</a>.
