# What every page shares: the header, the language switcher and the footer.
#
# Messages that hold markup are shown as HTML: keep their tags and attributes
# exactly as they are (a test compares them between languages).

nav_products = Products
nav_session = Your session
nav_cart = Cart
# $name: the signed-in account's display name.
signed_in_as = Signed in as <strong data-testid="current-user">{ $name }</strong>
log_out = Log out
log_in = Log in
language = Language
change_language = Change
footer_demo = Session Shop is a demo store: nothing is for sale and no order is shipped. Everything it knows about you lives in one encrypted cookie: <a href="/session" data-testid="footer-session">see what it holds</a>.
flash_language = The shop now speaks English.
flash_details_saved = Shipping details saved. Check your order, then place it.
flash_remove_failed = Sorry, that item could not be removed. Nothing was changed; please try again.
flash_order_failed = Sorry, your order could not be placed. Nothing was charged; please try again.
