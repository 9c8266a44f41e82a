# Lo que comparten todas las páginas: la cabecera, el selector de idioma y el pie.
#
# Los mensajes con marcas HTML se muestran como HTML: conserva sus etiquetas y
# atributos tal cual (una prueba los compara con los de inglés).
#
# Vocabulario: «la sesión» / «tu sesión» es lo que guarda la cookie (también
# para quien no ha entrado en su cuenta); «iniciar sesión» y «cerrar sesión»
# son solo entrar en una cuenta y salir de ella.

nav_products = Productos
nav_session = Tu sesión
nav_cart = Carrito
# $name: el nombre de la cuenta con la que se ha iniciado sesión.
signed_in_as = <span class="signed-in__prefix">Has iniciado sesión como </span><strong id="current-user" data-testid="current-user">{ $name }</strong>
log_out = Cerrar sesión
log_in = Iniciar sesión
# El botón de la cabecera en el móvil que abre la navegación, la cuenta y el idioma.
menu = Menú
language = Idioma
change_language = Cambiar
footer_demo = Session Shop es una tienda de demostración: nada está a la venta y no se envía ningún pedido. Todo lo que sabe de ti vive en una cookie cifrada: <a href="/session" id="footer-session" data-testid="footer-session">mira qué contiene</a>.
flash_language = La tienda ahora habla español.
flash_details_saved = Datos de envío guardados. Revisa tu pedido y confírmalo.
flash_remove_failed = No se ha podido quitar ese artículo. No se ha cambiado nada; inténtalo de nuevo.
flash_order_failed = No se ha podido realizar tu pedido. No se ha cobrado nada; inténtalo de nuevo.
flash_add_failed = No se ha podido añadir { $product } a tu carrito. No se ha cambiado nada; inténtalo de nuevo.
# Los fallos deliberados del Script User (static/js/script-user.js): el
# aviso al quitar, y el error que se escribe en la consola en la página del producto.
fault_alert_remove = Atención: este artículo se va a quitar de tu carrito.
fault_console_product = No se han podido cargar las recomendaciones de este producto.

# El primer enlace de cada página, para quien usa el teclado.
skip_to_content = Saltar al contenido
# El nombre de la navegación de la cabecera, para lectores de pantalla.
nav_label = Principal
# La descripción de la página para los buscadores, si no tiene una propia.
meta_description = Session Shop, una pequeña tienda de demostración cuya sesión entera, carrito incluido, vive en una cookie cifrada.
# El resumen de errores al principio de un formulario rechazado: un enlace por campo, con el texto de su mensaje.
error_summary_fields = Campos que corregir:
# El principio del título de una página con un formulario rechazado («Error: Pagar»).
error_title = Error
footer_learn = ¿Es la primera vez que ves sesiones web? <a href="/learn" id="footer-learn" data-testid="footer-learn">Sigue la guía paso a paso</a> o prueba las rutas del artículo: <a href="/test/session/set" id="footer-article-set" data-testid="footer-article-set">set</a>, <a href="/test/session/check" id="footer-article-check" data-testid="footer-article-check">check</a>, <a href="/test/session/pop" id="footer-article-pop" data-testid="footer-article-pop">pop</a>.
