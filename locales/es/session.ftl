# El inspector de la sesión.

session_title = Tu sesión
session_intro = Todo lo que la tienda recuerda de ti está en una cookie llamada session, cifrada y autenticada con la clave secreta del servidor: sin la clave, nadie puede leerla ni cambiarla. Esta página la abre para ti.
session_id = ID de sesión
session_created = Creada
session_last_seen = Última actividad
session_expires = Caduca
cookie_size = Tamaño de la cookie
# $size: el tamaño de la cookie en bytes; $budget: el máximo que guarda un navegador.
cookie_bytes = { $size ->
    [one] <span data-testid="cookie-size">{ $size }</span> byte de { $budget }
   *[other] <span data-testid="cookie-size">{ $size }</span> bytes de { $budget }
}
decoded_contents = Contenido decodificado
# Termina la sesión entera; no es volver a iniciar sesión.
reset_session = Borrar la sesión
reset_state = Restablecer la tienda (sin cerrar sesión)
flash_state_reset = Se han vaciado tu carrito y tu pedido en curso. Sigues en tu cuenta y en el mismo idioma.
flash_session_reset = Se ha borrado tu sesión: ahora tienes una sesión nueva y vacía.
