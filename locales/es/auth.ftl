# Iniciar y cerrar sesión.

login_title = Iniciar sesión
username = Usuario
password = Contraseña
demo_accounts = Cuentas de demostración
# $password: la contraseña de las cuentas de demostración.
demo_intro = Esta es una tienda de demostración: la contraseña de todas las cuentas es <code>{ $password }</code>.
demo_what = Qué hace
demo_alice = Una compradora normal.
demo_bob = Otro comprador normal.
demo_locked = Rechazada con «Esta cuenta está bloqueada.»
demo_slow = Cada página tarda 2 segundos, para practicar esperas.

login_invalid = Usuario o contraseña incorrectos.
login_locked = Esta cuenta está bloqueada.
login_missing = Escribe tu usuario y tu contraseña.
# $name: el nombre de la cuenta.
flash_logged_in = ¡Hola, { $name }! Has iniciado sesión.
flash_logged_out = Has cerrado sesión. Se han borrado tu sesión y tu carrito.
# $minutes: minutos enteros hasta que se pueda volver a iniciar sesión.
login_throttled = { $minutes ->
    [one] Demasiados intentos fallidos de iniciar sesión en esta cuenta desde tu dirección. Vuelve a intentarlo dentro de 1 minuto.
   *[other] Demasiados intentos fallidos de iniciar sesión en esta cuenta desde tu dirección. Vuelve a intentarlo dentro de { $minutes } minutos.
}
