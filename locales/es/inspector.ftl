# El inspector de la sesión: la cookie, lo que envía esta respuesta, cada campo.
#
# «La sesión» es lo que guarda la cookie, también sin cuenta; «iniciar sesión»
# es solo entrar en una cuenta.

inspector_learn = ¿Primera vez? <a href="/learn" data-testid="inspector-learn-link">Sigue el recorrido guiado</a>.
inspector_ends_in = Termina en
# $idle: el tiempo de inactividad, p. ej. «30 min»; $end: cuándo llega el límite absoluto.
inspector_limit_idle = por el límite de inactividad: { $idle } sin ninguna petición. Cada petición antes de eso aplaza el final, hasta el límite absoluto ({ $end }).
# $lifetime: la duración máxima, p. ej. «8 h».
inspector_limit_absolute = por el límite absoluto: { $lifetime } después de que empezó la sesión, por mucha actividad que haya.
inspector_now = Ahora
inspector_cookie_title = La cookie que guarda tu navegador
inspector_cookie_raw = Tal como tu navegador la guarda y la devuelve, con el nombre y el <code>=</code>:
inspector_cookie_none = Tu navegador todavía no envió ninguna cookie de sesión: esta página empieza tu sesión.
inspector_cookie_rejected_new = Tu navegador envió una cookie que no se pudo abrir como sesión, así que esta página empieza una nueva.
inspector_cookie_rejected = Esa cookie no se pudo abrir (modificada, sellada con otra clave, en otro formato, caducada o terminada), así que cuenta como ninguna sesión.
inspector_size_how = Contados sobre los bytes enviados en <code>Set-Cookie</code>: <code>session=</code> y el valor, con la codificación por porcentajes (<code>%2F</code>, <code>%3D</code>). Los navegadores guardan como máximo 4096.
inspector_attributes = Sus atributos, del <code>Set-Cookie</code> que la entregó (el navegador nunca los devuelve):
inspector_httponly = sí: los scripts de la página no pueden leerla.
inspector_samesite = se envía cuando llegas aquí por un enlace desde otro sitio, pero no con formularios ni peticiones que inicien otros sitios.
inspector_path = se envía con todas las páginas de la tienda.
inspector_secure_yes = sí: solo se envía por HTTPS.
inspector_secure_no = no: esta tienda se sirve por HTTP sin cifrar (activa <code>secure_cookies</code> cuando esté detrás de TLS).
inspector_max_age = una indicación para el navegador, en segundos; el servidor comprueba por sí mismo el final real.
inspector_response_title = Lo que envía esta respuesta
# $size: el tamaño de la nueva cookie en bytes; $age: su Max-Age en segundos.
inspector_sends_seal = Un nuevo <code>Set-Cookie: session=…</code> ({ $size } bytes, <code>Max-Age={ $age }</code>), porque:
inspector_sends_forget = Un <code>Set-Cookie</code> que le dice a tu navegador que olvide su cookie.
inspector_sends_keep = Ningún <code>Set-Cookie</code>: no cambió nada, así que tu navegador conserva la cookie de arriba.
inspector_reason_changed = esta petición cambió la sesión.
inspector_reason_flash = esta página muestra el mensaje que llegó, así que se retira (<code>flash</code> pasa a <code>null</code>).
inspector_reason_new = esta página muestra una sesión que tu navegador aún no tiene, y sus formularios necesitan el token.
inspector_reason_old_key = tu cookie se abrió con una clave anterior; se vuelve a sellar con la actual.
inspector_reason_dropped = se quitaron del carrito productos que ya no están en el catálogo.
inspector_reason_idle = toca renovar el temporizador de inactividad (como mucho una vez por minuto), así que <code>last_seen</code> pasa a ahora.
inspector_fields_intro = Cada campo tal como llegó en tu cookie y tal como lo deja esta respuesta; los valores <mark>marcados</mark> cambian.
inspector_field = Campo
inspector_arrived = Tal como llegó
inspector_outgoing = Tal como lo envía esta respuesta
inspector_meaning = Qué es
inspector_json = La sesión entera en JSON
inspector_learn_button = Aprende cómo funciona
inspector_tamper_button = Intenta manipularla
inspector_field_id = Un identificador aleatorio, nuevo al iniciar sesión; el servidor recuerda por él las sesiones terminadas.
inspector_field_created_at = Cuándo empezó la sesión; el límite absoluto cuenta desde aquí.
inspector_field_last_seen = Última actividad; el límite de inactividad cuenta desde aquí.
inspector_field_csrf_token = El token que devuelve cada formulario, para que otros sitios no puedan enviar formularios en tu nombre.
inspector_field_user = La cuenta con la que iniciaste sesión, si lo hiciste.
inspector_field_cart = Solo identificadores de producto y cantidades; los nombres y precios salen del catálogo.
inspector_field_username = El valor de ejemplo del artículo, que pone <a href="/test/session/set">/test/session/set</a>. No es iniciar sesión.
inspector_field_lang = El idioma que elegiste, si elegiste uno.
inspector_field_checkout = La compra en curso: su clave y tus datos de envío.
inspector_field_last_order = Tu último pedido, para su página de confirmación.
inspector_field_flash = Un mensaje de un solo uso para la página siguiente.
inspector_field_flash_count = El número del último mensaje; cada mensaje nuevo toma el siguiente. Una sesión nueva empieza en un número al azar, así que quien prueba no vuelve a ver un número antiguo.
