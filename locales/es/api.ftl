# Los rechazos de la API JSON: un título y un mensaje por estado, y los
# mensajes de las rutas de la API que cambian el carrito.

api_403_title = Petición rechazada
api_403 = Los cambios en el carrito deben venir de este sitio: se rechaza una petición con el Origin de otro sitio o con Sec-Fetch-Site: cross-site.
api_404_title = No encontrado
api_404 = No hay nada en esta dirección. La API se describe en /api/openapi.json.
api_405_title = Método no permitido
# $allowed: los métodos que acepta la dirección, p. ej. "GET, HEAD".
api_405 = Esta dirección solo acepta { $allowed }.
api_413_title = Cuerpo demasiado grande
api_413 = El cuerpo de la petición es demasiado grande. Envía solo los campos que acepta esta ruta de la API.
api_415_title = Tipo de contenido no admitido
api_415 = Envía el cuerpo en JSON, con la cabecera Content-Type: application/json.
api_422_title = No se ha podido procesar la petición
api_422 = El cuerpo debe ser un objeto JSON, como {"{"}"product_id": 1, "quantity": 2{"}"}.
# $id: el id de producto enviado.
api_unknown_product = No hay ningún producto con el id { $id }. GET /api/products los enumera.
api_product_id = product_id debe ser el id de un producto: un número entero de GET /api/products.
# $id: el id de pedido enviado.
api_unknown_order = La cuenta con la sesión iniciada no tiene el pedido { $id }: un pedido lo lee su propia cuenta, por el id de su dirección /orders/, mientras se conserva.
api_orders_sign_in = Inicia sesión para leer tus pedidos.
# $field: un campo que la ruta de la API no acepta; $fields: los que acepta.
api_unknown_field = Esta ruta de la API no acepta el campo { $field }. Acepta: { $fields }.
# $id: el id del producto.
api_line_not_in_cart = El producto { $id } no tiene ninguna línea en el carrito. Añádelo antes con POST /api/cart/lines.
