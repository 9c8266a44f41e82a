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
in_cart = In your cart: { $quantity }.
view_cart = View cart
