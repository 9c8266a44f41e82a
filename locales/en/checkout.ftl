# Checkout and the order confirmation.

checkout_title = Checkout
your_order = Your order
total = Total
shipping = Shipping
correct_fields = Please correct the fields marked below.
full_name = Full name
email = Email
address = Address
city = City
postal_code = Postal code
place_order = Place order
flash_cart_empty = Your cart is empty. Add something before checking out.
flash_order_already_placed = This order was already placed; here it is again.

# What is wrong with a shipping field.
field_full_name_empty = Enter your full name.
field_full_name_long = Your name can be at most 80 characters.
field_email_empty = Enter your email address.
field_email_long = Your email address can be at most 254 characters.
field_email_shape = Enter an email address like name@example.com.
field_address_empty = Enter your street address.
field_address_long = Your address can be at most 120 characters.
field_city_empty = Enter your city.
field_city_long = Your city can be at most 60 characters.
field_postal_code_empty = Enter your postal code.
field_postal_code_long = A postal code can be at most 12 characters.
field_postal_code_shape = A postal code has only letters, digits, spaces and hyphens.
field_control = Use letters, numbers and punctuation only (no tabs or line breaks).

order_title = Order confirmed
# $name: the name the order ships to.
thank_you = Thank you, <span data-testid="order-ship-to">{ $name }</span>!
# $number: the order's short reference, e.g. SS-7F3K-92QD.
order_confirmed = Your order <strong class="order__number" data-testid="order-number">{ $number }</strong> is confirmed.
# $id: the order's full id, the one in the page's address.
order_id_note = Order id, as in this page's address: <code data-testid="order-id">{ $id }</code>
# A line whose product is no longer sold. $id: the product's number.
product_no_longer_sold = #{ $id } (no longer sold)
# $count: the number of items in the order.
order_total_label = { $count ->
    [one] Total ({ $count } item)
   *[other] Total ({ $count } items)
}
continue_to_review = Continue to review
review_title = Review your order
subtotal = Subtotal
shipping_cost = Shipping
free_shipping = Free
ship_to = Ship to
edit_details = Edit shipping details

order_items = Items
order_email = Confirmation to
# $email: the address a real shop would send the receipt to.
order_next_steps = This is a demo store: nothing will be shipped and nothing was charged. A real shop would now send a receipt to { $email }.
order_whats_next = What happens next
see_session = See what your session holds now
# The order page's shipping label, ready a few seconds after the order.
shipping_label_title = Shipping label
shipping_label_preparing = Being prepared…
shipping_label_ready = Ready: your parcel is on its way.
shipping_label_reload = Reload this page in a few seconds to see the label ready.
# $limit: orders one account may place from one address in an hour; $minutes: whole minutes until the next is allowed.
orders_throttled = { $minutes ->
    [one] This account has placed { $limit } orders from your address in the last hour, the most allowed. Try again in 1 minute.
   *[other] This account has placed { $limit } orders from your address in the last hour, the most allowed. Try again in { $minutes } minutes.
}

## The account's orders (/orders)
orders_title = Your orders
orders_shared_account = Everyone who tries the shop shares this demo account, so these orders are theirs too.
orders_count = { $count ->
    [one] One order.
   *[other] { $count } orders, newest first.
}
orders_empty = No orders yet. The orders you place appear here.
orders_col_date = Placed on
orders_col_status = Status
orders_pages = Pages of orders
orders_previous = Newer orders
orders_next = Older orders
order_date = { $day } { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
order_status = { $status ->
    [placed] Placed
    [shipped] Shipped
    [delivered] Delivered
   *[cancelled] Cancelled
}
see_orders = Your orders
