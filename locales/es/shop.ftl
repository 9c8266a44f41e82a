# El catálogo y la página de cada producto.

products_title = Productos
hero_tagline = Pequeñas cosas para quienes construyen la web. Tu carrito vive en una cookie cifrada.
sort_by = Ordenar por
sort_apply = Ordenar
sort_featured = Destacados
sort_name_asc = Nombre: de la A a la Z
sort_name_desc = Nombre: de la Z a la A
sort_price_asc = Precio: de menor a mayor
sort_price_desc = Precio: de mayor a menor
# La etiqueta de la cantidad al añadir al carrito: se ve la primera palabra y
# los lectores de pantalla leen la etiqueta entera. $product: el producto.
add_quantity_label = Cantidad<span class="visually-hidden"> de { $product }</span>
# $product: el nombre del producto, para lectores de pantalla.
add_to_cart = Añadir al carrito<span class="visually-hidden">: { $product }</span>
all_products = Todos los productos
# $quantity: cuántas unidades de este producto hay en el carrito.
in_cart = En tu carrito: { $quantity }.
view_cart = Ver carrito
