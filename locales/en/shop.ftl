# The product grid and a product's page.

products_title = Products
hero_tagline = Small things for people who build the web. Your cart lives in one encrypted cookie.
sort_by = Sort by
sort_apply = Sort
sort_featured = Featured
sort_name_asc = Name: A to Z
sort_name_desc = Name: Z to A
sort_price_asc = Price: low to high
sort_price_desc = Price: high to low
# The label of an add-to-cart quantity box: people see the first word,
# screen readers hear the whole label. $product: the product's name.
add_quantity_label = Quantity<span class="visually-hidden"> of { $product }</span>
# $product: the product's name, for screen readers.
add_to_cart = Add to cart<span class="visually-hidden">: { $product }</span>
all_products = All products
# $quantity: how many of this product the cart holds.
in_cart = In your cart: <span id="in-cart-count" data-testid="in-cart-count">{ $quantity }</span>.
view_cart = View cart

# A product's page.
product_details = Details
product_number = Product number
product_price = Price
# $fee: the shipping fee; $threshold: the subtotal from which shipping is free.
shipping_note = { $fee }, free on orders from { $threshold }.
shipping_label = Shipping
availability = Availability
in_stock = In stock (it is a demo: nothing is shipped)
# $product: the product's name; next to its refused quantity box.
error_add_quantity_of = Quantity of { $product } must be a whole number from 1 to 99.
home_learn = This shop keeps your whole session in one encrypted cookie. <a href="/learn" id="home-learn" data-testid="home-learn">See how it works, step by step</a>.
