# El inspector de la sesión: la cookie, lo que envía esta respuesta, cada campo.
#
# «La sesión» es lo que guarda la cookie, también sin cuenta. En la prosa se
# dice «entrar en tu cuenta» y «salir de tu cuenta»; «Iniciar sesión» y
# «Cerrar sesión» quedan solo como nombres de botones. Mensajes en pretérito
# perfecto («ha enviado»), trato de «tú».

inspector_learn = ¿Primera vez? <a href="/learn" data-testid="inspector-learn-link">Sigue la guía paso a paso</a>.
inspector_ends_in = Termina en
# $limit: idle o absolute; $idle: el límite de inactividad, p. ej. «30 min»;
# $end: cuándo llega el límite absoluto; $lifetime: el límite absoluto, p. ej. «8 h».
inspector_limit = { $limit ->
    [idle] por el límite de inactividad: { $idle } sin ninguna petición. Cada petición antes de ese momento aplaza el final, hasta el límite absoluto ({ $end }).
   *[absolute] por el límite absoluto: { $lifetime } después de que empezara la sesión, por mucha actividad que haya.
}
inspector_now = Ahora
inspector_id_is_not_the_key = El ID solo sirve para identificar la sesión: el servidor lo usa para recordar las sesiones terminadas. Lo que demuestra que una sesión es tuya es la cookie entera, así que lo que hay que mantener en secreto es la cookie.
inspector_cookie_title = La cookie que guarda tu navegador
# $reason: lo que concluyó el servidor al abrir una cookie; $idle, $lifetime: duraciones.
inspector_verdict = { $reason ->
    [accepted] { tamper_accepted_word }: se abre como una sesión.
    [new] Esta petición no ha traído ninguna cookie de sesión: o todavía no había ninguna, o la tienda le había dicho al navegador que olvidara una que no podía abrir. Esta página crea una sesión nueva.
    [unsealed] { tamper_rejected_word }, no abre ninguna sesión: no se descifra con la clave de esta tienda. Se ha modificado después de sellarla o se ha sellado con otra clave; el servidor no puede saber cuál de las dos.
    [other_version] { tamper_rejected_word }, no abre ninguna sesión: se descifra, pero se ha escrito en otra versión del formato, con una tienda anterior o posterior.
    [garbled] { tamper_rejected_word }, no abre ninguna sesión: se descifra, pero lo que contiene no es una sesión.
    [idle] { tamper_rejected_word }, no abre ninguna sesión: se descifra, pero ha pasado su límite de inactividad ({ $idle } sin ninguna petición).
    [absolute] { tamper_rejected_word }, no abre ninguna sesión: se descifra, pero ha pasado su límite absoluto ({ $lifetime } después de empezar la sesión).
    [revoked] { tamper_rejected_word }, no abre ninguna sesión: se descifra y está dentro de sus límites, pero su sesión ha terminado (al salir de la cuenta, al borrarla o al entrar en cualquier cuenta, lo que renueva el ID) y el servidor recuerda su ID.
   *[too_large] { tamper_rejected_word }, no abre ninguna sesión: su nombre, el signo = y su valor ocupan más de 4096 bytes, más de lo que guarda un navegador, así que ni siquiera se ha abierto.
}
inspector_cookie_raw = Tal como tu navegador la guarda y la devuelve, con el nombre y el <code>=</code>:
# $total: cuántos bytes contiene el valor sellado.
inspector_sealed_title = De qué está hecho el valor ({ $total } bytes)
inspector_size_how = Se cuentan los bytes enviados en <code>Set-Cookie</code>: <code>session=</code> y el valor, con la codificación URL (cada <code>/</code> y <code>=</code> del base64 se envía como <code>%2F</code> o <code>%3D</code>; el <code>+</code> se envía tal cual). Los navegadores guardan una cookie cuyo nombre y valor ocupan 4096 bytes como máximo; contar también el <code>=</code>, como aquí, es un byte más estricto.
inspector_attributes = Sus atributos, del <code>Set-Cookie</code> que la estableció (el navegador nunca los devuelve):
inspector_httponly = sí: los scripts de la página no pueden leerla. Esta página la muestra solo porque el servidor la escribe aquí; un sitio real nunca copia su cookie de sesión en una página.
inspector_samesite = el navegador la envía con las peticiones de las páginas del mismo sitio (el mismo esquema y el mismo dominio registrable: otro puerto u otro subdominio de este es el mismo sitio, así que sus formularios también la llevan) y cuando llegas aquí por un enlace desde otro sitio (una navegación GET, también un formulario GET); no la envía con un formulario POST que envíe otro sitio, ni con imágenes, marcos o scripts que otro sitio cargue desde aquí.
inspector_path = se envía con todas las páginas de la tienda.
# $secure: true o false.
inspector_secure = { $secure ->
    [true] sí: solo se envía por HTTPS.
   *[false] no: esta tienda se sirve por HTTP sin cifrar (activa <code>secure_cookies</code> cuando esté detrás de TLS).
}
inspector_max_age = cuántos segundos la guarda el navegador; después, el navegador la borra. Con <code>Max-Age</code> es lo que MDN llama una cookie persistente: sobrevive a un reinicio del navegador. Una copia guardada en otro sitio se puede enviar más tarde, así que el servidor comprueba por sí mismo las marcas de tiempo que hay dentro del valor.
inspector_form_change_title = Lo que ha cambiado tu último formulario
# $request: el método y la ruta, p. ej. «POST /cart/add».
inspector_form_change_intro = Tu última petición, <code>{ $request }</code>, ha cambiado la sesión y ha respondido con una redirección a esta página, así que su cambio ya aparece en las dos columnas de la tabla de más abajo. Aquí está, campo por campo:
inspector_before_form = Antes
inspector_after_form = Después
inspector_response_title = Lo que envía esta respuesta
# $sends: seal, forget o keep; $size: el tamaño de la nueva cookie en bytes; $age: su Max-Age en segundos.
inspector_sends = { $sends ->
    [seal] Un nuevo <code>Set-Cookie: session=…</code> ({ $size } bytes, <code>Max-Age={ $age }</code>), porque:
    [forget] Un <code>Set-Cookie</code> que le dice a tu navegador que olvide la cookie que ha enviado, porque no abría ninguna sesión.
   *[keep] Ningún <code>Set-Cookie</code>: no ha cambiado nada, así que tu navegador conserva la cookie de arriba.
}
# $reason: por qué se sella esta respuesta; $refresh: cada cuánto se vuelve a
# sellar una sesión en uso, p. ej. «1 min»; $idle: el límite de inactividad.
inspector_reason = { $reason ->
    [changed] esta petición ha cambiado la sesión.
    [flash_shown] esta página muestra el mensaje que ha llegado, así que se retira (<code>flash</code> pasa a <code>null</code>).
    [new_session] esta página muestra una sesión que tu navegador aún no tiene, y sus formularios necesitan el token.
    [old_key] tu cookie se ha abierto con una clave anterior; se vuelve a sellar con la actual.
    [dropped_lines] se han quitado del carrito productos que ya no están en el catálogo.
   *[idle_refresh] hay que renovar el temporizador de inactividad, así que <code>last_seen</code> se actualiza a la hora actual. Una sesión en uso se vuelve a sellar para esto en su primera petición después de { $refresh } desde <code>last_seen</code>: una décima parte del límite de inactividad ({ $idle }), o un minuto si eso es menos.
}
inspector_fields_intro = Cada campo tal como llegó en tu cookie y tal como lo deja esta respuesta; los valores <mark>marcados</mark> cambian.
inspector_field = Campo
inspector_arrived = Tal como llegó
inspector_outgoing = Tal como lo envía esta respuesta
inspector_meaning = Qué es
inspector_json = La sesión entera en JSON
inspector_json_is_a_view = La cookie no contiene JSON: dentro del sello está la sesión en el formato binario compacto de postcard, con las marcas de tiempo en segundos Unix. Este JSON, con fechas legibles, es solo una forma de verla.
inspector_learn_button = Aprende cómo funciona
inspector_tamper_button = Prueba a manipularla
# $field: el nombre de un campo de la sesión.
inspector_field_meaning = { $field ->
    [id] Un identificador aleatorio, nuevo al entrar en tu cuenta; el servidor lo usa para recordar las sesiones terminadas.
    [created_at] Cuándo empezó la sesión; el límite absoluto cuenta desde aquí.
    [last_seen] Última actividad; el límite de inactividad cuenta desde aquí.
    [csrf_token] El token que devuelve cada formulario, para que otros sitios no puedan enviar formularios en tu nombre.
    [user] La cuenta en la que has entrado, si has entrado en alguna.
    [cart] Solo identificadores de producto y cantidades; los nombres y precios salen del catálogo.
    [username] El valor de ejemplo del artículo, que guarda <a href="/test/session/set">/test/session/set</a>. No significa haber iniciado sesión.
    [lang] El idioma que has elegido, si has elegido uno. Se conserva al salir de tu cuenta o al borrar la sesión.
    [checkout] La compra en curso: su clave y tus datos de envío.
    [last_order] Tu último pedido, para su página de confirmación.
    [flash] Un mensaje de un solo uso para la página siguiente.
    [flash_count] El número del último mensaje; cada mensaje nuevo toma el siguiente. Una sesión nueva empieza en un número al azar, así que un tester nunca ve repetido un número antiguo.
   *[adds] Las veces que has añadido algo al carrito desde que has entrado en tu cuenta, para la cuenta <code>flaky</code>, cuya regla numera sus añadidos para elegir cuáles fallan; 0 para cualquier otra cuenta.
}
# $total: cuántos bytes contiene el valor sellado.
sealed_intro = El valor es base64 de { $total } bytes en tres partes (abajo en hexadecimal, separadas por <code>|</code>):
# $part: nonce, ciphertext o tag; $bytes: su longitud.
sealed_part = { $part ->
    [nonce] <strong>nonce</strong>, { $bytes } bytes: aleatorio en cada sellado, así que la misma sesión nunca se sella dos veces con el mismo valor.
    [ciphertext] <strong>texto cifrado</strong>, { $bytes } bytes: la sesión cifrada con AES-256-GCM. Descifrado, es texto base64url de un byte con la versión del formato y la sesión en el formato binario de postcard.
   *[tag] <strong>etiqueta</strong> (tag), { $bytes } bytes: autentica el texto cifrado y el nombre de la cookie. Si cambia un solo bit de cualquiera de los dos, deja de coincidir y la cookie se rechaza sin leerla.
}
