# El pago y la confirmación del pedido.

checkout_title = Pagar
your_order = Tu pedido
total = Total
shipping = Envío
correct_fields = Corrige los campos marcados abajo.
full_name = Nombre completo
email = Correo electrónico
address = Dirección
city = Ciudad
postal_code = Código postal
place_order = Realizar pedido
flash_cart_empty = Tu carrito está vacío. Añade algo antes de pagar.
flash_order_already_placed = Este pedido ya se realizó; aquí lo tienes de nuevo.

# Qué le pasa a un campo de la dirección de envío.
field_full_name_empty = Escribe tu nombre completo.
field_full_name_long = Tu nombre puede tener como máximo 80 caracteres.
field_email_empty = Escribe tu correo electrónico.
field_email_long = Tu correo electrónico puede tener como máximo 254 caracteres.
field_email_shape = Escribe un correo electrónico como nombre@ejemplo.com.
field_address_empty = Escribe tu dirección.
field_address_long = Tu dirección puede tener como máximo 120 caracteres.
field_city_empty = Escribe tu ciudad.
field_city_long = Tu ciudad puede tener como máximo 60 caracteres.
field_postal_code_empty = Escribe tu código postal.
field_postal_code_long = Un código postal puede tener como máximo 12 caracteres.
field_postal_code_shape = Un código postal solo tiene letras, cifras, espacios y guiones.
field_control = Usa solo letras, números y signos de puntuación (sin tabuladores ni saltos de línea).

order_title = Pedido confirmado
# $name: el nombre al que se envía el pedido.
thank_you = ¡Gracias, <span data-testid="order-ship-to">{ $name }</span>!
# $number: la referencia corta del pedido, p. ej. SS-7F3K-92QD.
order_confirmed = Tu pedido <strong class="order__number" data-testid="order-number">{ $number }</strong> está confirmado.
# $id: el identificador completo del pedido, el de la dirección de la página.
order_id_note = Identificador del pedido, como en la dirección de esta página: <code data-testid="order-id">{ $id }</code>
# Una línea cuyo producto ya no está a la venta. $id: el número del producto.
product_no_longer_sold = #{ $id } (ya no está a la venta)
# $count: cuántos artículos tiene el pedido.
order_total_label = { $count ->
    [one] Total ({ $count } artículo)
   *[other] Total ({ $count } artículos)
}
continue_to_review = Revisar el pedido
review_title = Revisa tu pedido
subtotal = Subtotal
shipping_cost = Envío
free_shipping = Gratis
ship_to = Enviar a
edit_details = Editar los datos de envío

order_items = Artículos
order_email = Confirmación a
# $email: la dirección a la que una tienda real enviaría el recibo.
order_next_steps = Esta es una tienda de demostración: no se enviará nada y no se ha cobrado nada. Una tienda real enviaría ahora un recibo a { $email }.
order_whats_next = Qué pasa ahora
see_session = Mira qué guarda ahora tu sesión
# La etiqueta de envío de la página del pedido, lista unos segundos después.
shipping_label_title = Etiqueta de envío
shipping_label_preparing = En preparación…
shipping_label_ready = Lista: tu paquete está en camino.
shipping_label_reload = Vuelve a cargar esta página dentro de unos segundos para ver la etiqueta lista.
# $limit: pedidos que una cuenta puede hacer desde una dirección en una hora; $minutes: minutos enteros hasta que se permita el siguiente.
orders_throttled = { $minutes ->
    [one] Esta cuenta ya ha hecho { $limit } pedidos desde tu dirección en la última hora, el máximo permitido. Vuelve a intentarlo dentro de 1 minuto.
   *[other] Esta cuenta ya ha hecho { $limit } pedidos desde tu dirección en la última hora, el máximo permitido. Vuelve a intentarlo dentro de { $minutes } minutos.
}

## Los pedidos de la cuenta (/orders)
orders_title = Tus pedidos
orders_shared_account = Todos los que prueban la tienda comparten esta cuenta de demostración, así que estos pedidos también son suyos.
orders_count = { $count ->
    [one] Un pedido.
   *[other] { $count } pedidos, del más reciente al más antiguo.
}
orders_empty = Todavía no hay pedidos. Los pedidos que hagas aparecen aquí.
orders_col_date = Fecha
orders_col_status = Estado
orders_pages = Páginas de pedidos
orders_previous = Pedidos más recientes
orders_next = Pedidos más antiguos
order_date = { $day } de { $month ->
    [1] enero
    [2] febrero
    [3] marzo
    [4] abril
    [5] mayo
    [6] junio
    [7] julio
    [8] agosto
    [9] septiembre
    [10] octubre
    [11] noviembre
   *[12] diciembre
} de { $year }
order_status = { $status ->
    [placed] Realizado
    [shipped] Enviado
    [delivered] Entregado
   *[cancelled] Cancelado
}
see_orders = Tus pedidos
