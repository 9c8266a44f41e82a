# Iniciar y cerrar sesión.

login_title = Iniciar sesión
username = Usuario
password = Contraseña
demo_accounts = Cuentas de demostración
# $password: la contraseña de las cuentas de demostración.
demo_intro = Esta es una tienda de demostración: la contraseña de todas las cuentas es <code>{ $password }</code>.
demo_what = Qué hace
# $username: la cuenta de demostración que describe la fila.
demo_account = { $username ->
    [alice] Una compradora normal.
    [bob] Otro comprador normal.
    [locked] Rechazada con «Esta cuenta está bloqueada.»
    [slow] Cada página y cada formulario tardan 2 segundos, para practicar esperas.
    [glitch] Solo el inicio de sesión es lento (2 segundos); todo lo demás es rápido.
    [problem] Con fallos a propósito, para testers: todos los productos muestran la misma imagen, se ignora el orden por precio y «Añadir al carrito» de la página del producto siempre añade 1.
    [error] Con errores a propósito, para testers: quitar una línea del carrito falla, y realizar el pedido falla la primera vez.
    [visual] Con otro aspecto a propósito, para pruebas visuales: otros colores, tamaños y posiciones, dos imágenes intercambiadas; se comporta con normalidad.
    [script] Con scripts que fallan a propósito, para testers: un aviso al quitar, un error en la consola en la página del producto, un botón «Vaciar carrito» que no hace nada, un campo de nombre que pierde caracteres y un enlace de la cuadrícula que abre otro producto. Sin JavaScript se comporta con normalidad.
    [flaky] Poco fiable a propósito, para testers: falla uno de cada tres «Añadir al carrito», según una regla con una semilla elegida al iniciar sesión.
   *[other] Una cuenta de demostración.
}

login_invalid = Usuario o contraseña incorrectos.
login_locked = Esta cuenta está bloqueada.
login_missing = Escribe tu usuario y tu contraseña.
login_username_too_long = Los nombres de usuario tienen como mucho 64 caracteres. Revisa lo que has escrito.
# $name: el nombre de la cuenta.
flash_logged_in = ¡Hola, { $name }! Has iniciado sesión.
flash_logged_out = Has salido de tu cuenta: la tienda ha terminado tu sesión, carrito incluido, y ha empezado una nueva y vacía en el mismo idioma.
# $minutes: minutos enteros hasta que se pueda volver a iniciar sesión.
login_throttled = { $minutes ->
    [one] Demasiados intentos fallidos de iniciar sesión en esta cuenta desde tu dirección. Vuelve a intentarlo dentro de 1 minuto.
   *[other] Demasiados intentos fallidos de iniciar sesión en esta cuenta desde tu dirección. Vuelve a intentarlo dentro de { $minutes } minutos.
}
