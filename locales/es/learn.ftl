# El recorrido guiado (/learn) y el laboratorio de manipulación (/session/tamper).
#
# Vocabulario: «la sesión» es lo que guarda la cookie, desde la primera visita;
# «iniciar sesión» y «cerrar sesión» son solo entrar en una cuenta y salir de
# ella. Trato de «tú», sin «vosotros», neutro entre España y América Latina.

learn_title = Aprende sesiones
learn_heading = Cómo guarda esta tienda tu sesión
learn_intro = Diez pasos cortos, cada uno con algo que probar sobre tu propia sesión. Ten abierto el <a href="/session" data-testid="learn-inspector-link">inspector</a> en otra pestaña: antes y después de cada paso muestra lo que guarda tu sesión. Cada «pruébalo» dice qué responde.
learn_words = Dos palabras que conviene separar: la <strong>sesión</strong> es lo que la tienda recuerda de tu navegador (un carrito, un idioma, un mensaje) desde tu primera visita; <strong>iniciar sesión</strong> es decirle quién eres. Tienes una sesión antes de iniciar sesión y también después de cerrarla.
learn_answers = responde
learn_step1_title = 1. Guardar, consultar y quitar un valor
learn_step1_text = El artículo del que nació esta tienda guarda <code>username = "user"</code> en la sesión, lo vuelve a leer y lo quita. En Flask se escribe <code>session['username'] = 'user'</code>; aquí la sesión es un struct con tipos, y el controlador llama a <code>session.set_demo_value("user")</code>. Prueba los cuatro enlaces en orden:
learn_step1_note = «Logged in» es la redacción del artículo: el valor es solo un ejemplo, no significa que hayas iniciado sesión.
learn_step2_title = 2. Una cookie simple frente a una privada
learn_step2_text = Las mismas tres rutas otra vez, con una cookie simple <code>plain_username</code> en lugar de la sesión:
learn_step2_note = Antes de <em>pop</em>, abre el almacenamiento de tu navegador (herramientas para desarrolladores, luego Aplicación o Almacenamiento, luego Cookies): <code>plain_username</code> dice <code>user</code>; cámbiala a <code>admin</code> y la tienda se lo cree. A su lado, <code>session</code> es una cadena larga que nadie puede leer ni cambiar sin la clave secreta de la tienda: está cifrada y autenticada (AES-256-GCM), una <em>cookie privada</em> de Rocket. La sesión por defecto de Flask solo está <em>firmada</em>: nadie puede cambiarla, pero cualquiera puede decodificarla y leerla.
learn_step3_title = 3. Manipular la cookie
learn_step3_text = Cada botón construye una cookie a partir de tu sesión, la altera de una forma y la abre con el mismo código que abre la cookie de cada petición. La página dice qué concluyó el servidor y por qué. Tu propia cookie no se toca.
learn_step3_note = Todos responden una página que dice «Rechazada»: una cookie en la que no se puede confiar es simplemente ninguna sesión, nunca un error.
learn_step4_title = 4. Caducidad
# $idle, $lifetime: duraciones como «30 min», «8 h».
learn_step4_text = Una sesión termina tras { $idle } sin ninguna petición (el límite de inactividad) o { $lifetime } después de empezar (el límite absoluto), lo que llegue antes. El navegador recibe un <code>Max-Age</code>, pero es solo una indicación: las horas van dentro del valor cifrado y el servidor las comprueba por sí mismo.
learn_step4_try = El inspector
learn_step4_try_note = muestra cuándo termina tu sesión y qué límite la termina.
learn_step4_note = Para verlo ocurrir, arranca la tienda con límites cortos: <code>ROCKET_SESSION_IDLE_TIMEOUT=20 ROCKET_SESSION_MAX_LIFETIME=60 cargo run</code>.
learn_step5_title = 5. Iniciar sesión, y la fijación de sesión
learn_step5_text = Anota tu ID de sesión en el <a href="/session" data-try data-expect-status="200">inspector</a> y luego inicia sesión como Alice (la contraseña de demostración es <code>rocket-demo</code>):
learn_username = Usuario
learn_password = Contraseña
learn_log_in = Iniciar sesión y abrir el inspector
learn_step5_note = Responde con una redirección al inspector: tu carrito y tus valores se conservan, pero el ID de sesión y el token de los formularios son nuevos. Quien te hubiera colado un ID de sesión antes de iniciar sesión (fijación de sesión) se queda con uno que ya no vale. Cerrar sesión termina la sesión entera:
learn_log_out = Cerrar sesión
learn_step6_title = 6. Formularios y CSRF
learn_step6_text = Tu navegador envía la cookie de sesión con cada petición a la tienda, también con un formulario que otro sitio le haga enviar. Por eso cada formulario de aquí lleva un <code>csrf_token</code> oculto, un valor aleatorio guardado en tu sesión que otros sitios no pueden leer; un envío sin él, o desde otro sitio, se rechaza con 403 y no cambia nada. Flask-WTF hace lo mismo con <code>form.hidden_tag()</code>.
learn_csrf_forged = Añadir con un token falso
learn_csrf_forged_note = responde 403;
learn_csrf_real = Añadir con tu token
# $product: el nombre de un producto.
learn_csrf_real_note = añade una unidad de { $product } y te lleva al inspector.
learn_step7_title = 7. El carrito y el presupuesto de 4096 bytes
learn_step7_text = Los navegadores guardan cookies de 4096 bytes como máximo, y la sesión entera tiene que caber. Por eso el carrito guarda solo identificadores de producto y cantidades (los nombres y precios salen del catálogo), una línea admite de 1 a 99 unidades, un carrito como mucho 50 líneas, y los campos de envío tienen una longitud máxima: la sesión más grande posible se conoce, y una prueba demuestra que cabe.
learn_quantity = Cantidad
learn_add = Añadir y ver el tamaño
learn_step7_note = El inspector cuenta los bytes de la cookie exactamente como los guarda el navegador, con la codificación por porcentajes.
learn_step8_title = 8. Claves secretas y rotación
learn_step8_text = Todo se apoya en <code>secret_key</code> (el <code>SECRET_KEY</code> de Flask). <code>cargo run</code> usa una clave de desarrollo publicada en <code>Rocket.toml</code>; una compilación de producción se niega a arrancar sin <code>ROCKET_SECRET_KEY</code>. Todos los servidores que comparten la clave atienden las mismas sesiones. Si la cambias, ninguna sesión se abre, salvo que la clave anterior siga un tiempo en <code>secret_key_fallbacks</code>: las sesiones selladas con ella todavía se abren, y se vuelven a sellar con la nueva.
learn_step8_note = «Sellar con otra clave», en el paso 3, muestra qué concluye un servidor con otra clave.
learn_step9_title = 9. Lo que el servidor tiene que recordar
learn_step9_text = Una cookie lo lleva todo, así que una copia vale tanto como el original. Cuando una sesión termina (al cerrar sesión, al borrarla o al iniciar sesión con otra cuenta), la tienda apunta su ID hasta que habría caducado de todos modos, y comprueba cada petición contra esa lista. Borra tu sesión:
learn_reset = Borrar mi sesión
learn_step9_note = Te lleva al inspector con una sesión nueva y vacía; una copia de la cookie anterior ya no abre ninguna sesión («Reenviar después de terminar», en el paso 3).
learn_step10_title = 10. A partir de aquí: añadir un campo a la sesión
# $version: la versión actual del formato, un número.
learn_step10_text = Supón que la tienda debe recordar una lista de deseos. Añade el campo a <code>SessionData</code> (<code>src/session/data.rs</code>) con un límite de tamaño; añade a <code>Session</code> (<code>src/session/mod.rs</code>) un método de intención que lo cambie, para que el hook de respuesta lo selle; y sube <code>FORMAT_VERSION</code> en <code>src/session/cookie.rs</code> (ahora { $version }). Las cookies escritas antes se leen como otra versión, es decir, ninguna sesión («Escribir el formato anterior», en el paso 3), en lugar de leerse mal. Después amplía la prueba de la sesión más grande para que los 4096 bytes sigan alcanzando.
learn_docs = El mismo recorrido para leer, con una tabla Flask ↔ Rocket y comandos curl, está en <code>docs/TUTORIAL.es.md</code> (en inglés, <code>docs/TUTORIAL.md</code>).

tamper_flip = Cambiar un byte
tamper_other_key = Sellar con otra clave
tamper_expired = Dejarla caducar
tamper_old_format = Escribir el formato anterior
tamper_revoked = Reenviar después de terminar
tamper_title = Laboratorio de manipulación
# $kind: lo que se envió como tipo.
tamper_unknown = «{ $kind }» no es algo que el laboratorio pueda hacerle a una cookie. Elige uno de los botones de abajo.
tamper_intro = El laboratorio construyó una cookie a partir de tu sesión, la alteró como pediste y la abrió con el mismo código que abre la cookie de cada petición. Tu propia cookie no se tocó.
tamper_built = La cookie construida
# $index: la posición de un byte; $before, $after: su valor, en hexadecimal.
tamper_what_flip = Tu sesión, sellada con la clave de la tienda; después el byte { $index } de los bytes sellados pasó de { $before } a { $after } (un bit).
tamper_what_other_key = Tu sesión, sellada con una clave generada hace un momento que esta tienda nunca tuvo: lo que enviaría otro sitio, o un servidor con una clave nueva.
# $created, $seen, $ended: fechas y horas.
tamper_what_expired = Tu sesión con sus horas movidas hacia atrás: creada { $created }, última actividad { $seen }. Su tiempo se acabó { $ended }. Después, sellada con la clave de la propia tienda.
# $written, $read: números de versión del formato.
tamper_what_old_format = Tu sesión escrita en la versión { $written } del formato (esta tienda lee la versión { $read }), sellada con la clave de la propia tienda: una cookie de antes de una actualización.
tamper_what_revoked = Una copia fiel de tu sesión, sellada con la clave de la propia tienda, abierta contra una lista de prueba de sesiones terminadas donde figura su ID: como si hubieras guardado una copia y luego hubieras cerrado sesión o borrado la sesión.
# $size: un tamaño en bytes.
tamper_size = { $size } bytes, tal como la guardaría un navegador.
tamper_concluded = Qué concluyó el servidor
# $id: un ID de sesión.
tamper_accepted = Aceptada: se abrió como tu sesión ({ $id }).
tamper_rejected = Rechazada: ninguna sesión.
tamper_reason_unsealed = No se descifra con la clave de la tienda.
tamper_reason_other_version = Se descifra, pero se escribió en otra versión del formato.
tamper_reason_garbled = Se descifra, pero no es una sesión.
# $idle: una duración.
tamper_reason_idle = Se descifra, pero pasó el límite de inactividad ({ $idle } sin ninguna petición).
# $lifetime: una duración.
tamper_reason_absolute = Se descifra, pero pasó el límite absoluto ({ $lifetime } después de empezar la sesión).
tamper_reason_revoked = Se descifra y no ha caducado, pero su sesión se terminó y el servidor lo recuerda.
tamper_why_unsealed = El valor sellado es AES-256-GCM: cifrado y autenticado a la vez. Un cambio en un solo bit, o cualquier clave que no sea la de la tienda, hace fallar la comprobación, y la tienda ni siquiera puede leer lo que había dentro. No intenta adivinar: una petición con esta cookie empieza una sesión nueva y vacía, y se le dice al navegador que olvide la cookie.
tamper_why_other_version = El primer byte de dentro dice cómo se escribió la sesión. Cuando cambia la forma de la sesión, la tienda sube ese número, así que una cookie antigua se lee como nada en lugar de leerse mal. Una petición con ella empieza una sesión nueva.
tamper_why_expired = Las horas van dentro del valor cifrado, donde nadie salvo el servidor puede cambiarlas. El navegador puede guardar una cookie tanto tiempo como quiera; el servidor comprueba por sí mismo los límites de inactividad y absoluto en cada petición. Una petición con ella empieza una sesión nueva.
tamper_why_revoked = Una cookie lo lleva todo, así que una copia vale tanto como el original hasta que el servidor dice basta. Cuando cierras sesión o la borras, la tienda apunta su ID hasta que la sesión habría terminado de todos modos, y comprueba cada cookie contra esa lista.
tamper_why_accepted = Nada en la cookie distingue una copia del original.
tamper_real = Tu sesión real
# $id: el ID de sesión.
tamper_real_unchanged = Sin cambios: sigue siendo <code>{ $id }</code>. <a href="/session" data-testid="tamper-inspector-link">Abre el inspector</a> para verla.
tamper_curl = Envía tú la cookie construida y mira la respuesta:
tamper_another = Prueba otra
tamper_back = Volver al recorrido guiado
learn_try = Pruébalo
