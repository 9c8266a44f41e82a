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
in_cart = En tu carrito: <span id="in-cart-count" data-testid="in-cart-count">{ $quantity }</span>.
view_cart = Ver carrito

# La página de un producto.
product_details = Detalles
product_number = Número de producto
product_price = Precio
# $fee: lo que cuesta el envío; $threshold: el subtotal desde el que es gratis.
shipping_note = { $fee }, gratis en pedidos desde { $threshold }.
shipping_label = Envío
availability = Disponibilidad
in_stock = Disponible (es una demo: no se envía nada)
# $product: el nombre del producto; junto a su cantidad rechazada.
error_add_quantity_of = La cantidad de { $product } debe ser un número entero del 1 al 99.
home_learn = Esta tienda guarda toda tu sesión en una sola cookie cifrada. <a href="/learn" id="home-learn" data-testid="home-learn">Mira cómo funciona, paso a paso</a>.
