# El carrito, y lo que responde la tienda al añadir o cambiar algo.

cart_title = Tu carrito
cart_empty = Tu carrito está vacío.
browse_products = Ver los productos
col_product = Producto
col_unit_price = Precio unitario
col_quantity = Cantidad
col_line_total = Total de la línea
col_remove = Quitar
# La cantidad de una línea, para lectores de pantalla. $product: el producto.
line_quantity_label = Cantidad de { $product }
update = Actualizar
# $product: el nombre del producto, para lectores de pantalla.
remove = Quitar<span class="visually-hidden"> { $product }</span>
# $count: cuántos artículos hay en el carrito (sumando las cantidades).
cart_total_label = { $count ->
    [one] Total (<span data-testid="cart-item-count">{ $count }</span> artículo)
   *[other] Total (<span data-testid="cart-item-count">{ $count }</span> artículos)
}
empty_cart = Vaciar carrito
continue_shopping = Seguir comprando
checkout = Pagar

# Mensajes tras una redirección. $product: un producto; $quantity: un número.
flash_added = Has añadido { $quantity } × { $product } a tu carrito.
flash_quantity_set = Cantidad de { $product }: { $quantity }.
flash_removed = Has quitado { $product } de tu carrito.
flash_cart_cleared = Tu carrito está vacío.
# Sustituye a un producto que ya no está a la venta.
an_item = un artículo
# $count: cuántas líneas se quitaron (1 o más).
notice_dropped = { $count ->
    [one] Un artículo de tu carrito ya no está a la venta y se ha quitado.
   *[other] { $count } artículos de tu carrito ya no están a la venta y se han quitado.
}

# Cambios rechazados.
error_add_quantity = La cantidad debe ser un número entero del 1 al 99.
error_update_quantity = La cantidad debe ser un número entero del 0 al 99 (0 quita el artículo).
# $in_cart: la cantidad que ya hay en el carrito; $product: el producto.
error_line_full = Ya tienes { $in_cart } × { $product } en tu carrito y una línea admite como máximo 99. Elige una cantidad menor.
# $max: cuántos productos distintos admite un carrito como máximo.
error_too_many_lines = Tu carrito ya tiene { $max } productos distintos. Quita uno antes de añadir otro.

# $product: el nombre del producto; junto a la cantidad rechazada de su línea.
error_update_quantity_of = La cantidad de { $product } debe ser un número entero del 0 al 99 (0 quita el artículo).
