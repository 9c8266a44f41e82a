# The cart page, and what adding to or changing the cart answers.

cart_title = Your cart
cart_empty = Your cart is empty.
browse_products = Browse the products
col_product = Product
col_unit_price = Unit price
col_quantity = Quantity
col_line_total = Line total
col_remove = Remove
# A line's quantity box, for screen readers. $product: the product's name.
line_quantity_label = Quantity of { $product }
update = Update
# $product: the product's name, for screen readers.
remove = Remove<span class="visually-hidden"> { $product }</span>
# $count: the number of items in the cart (quantities added up).
cart_total_label = { $count ->
    [one] Total (<span data-testid="cart-item-count">{ $count }</span> item)
   *[other] Total (<span data-testid="cart-item-count">{ $count }</span> items)
}
empty_cart = Empty cart
continue_shopping = Continue shopping
checkout = Checkout

# Messages after a redirect. $product: a product's name; $quantity: a number.
flash_added = Added { $quantity } × { $product } to your cart.
flash_quantity_set = { $product } quantity set to { $quantity }.
flash_removed = Removed { $product } from your cart.
flash_cart_cleared = Your cart is now empty.
# Stands for a product that is no longer sold.
an_item = an item
# $count: how many lines were removed (1 or more).
notice_dropped = { $count ->
    [one] One item in your cart is no longer sold and was removed.
   *[other] { $count } items in your cart are no longer sold and were removed.
}

# Refused changes.
error_add_quantity = Quantity must be a whole number from 1 to 99.
error_update_quantity = Quantity must be a whole number from 0 to 99 (0 removes the item).
# $in_cart: the quantity already in the cart; $product: the product's name.
error_line_full = You already have { $in_cart } × { $product } in your cart, and a line holds at most 99. Choose a smaller quantity.
# $max: the most different products a cart holds.
error_too_many_lines = Your cart already holds { $max } different products. Remove one before adding another.

# $product: the product's name; next to a line's refused quantity box.
error_update_quantity_of = Quantity of { $product } must be a whole number from 0 to 99 (0 removes the item).
