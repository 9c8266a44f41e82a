# La guía paso a paso (/learn) y el laboratorio de manipulación (/session/tamper).
#
# Glosario: «cookie» (nunca «galleta»); «la sesión» es lo que la tienda
# recuerda, desde la primera visita; en la prosa, «entrar en tu cuenta» y
# «salir de tu cuenta», y «Iniciar sesión» / «Cerrar sesión» solo como nombres
# de botones; «sellar» es cifrar y autenticar; «token»; «registro del
# servidor» es la lista de lo que el servidor recuerda. Trato de «tú», sin
# «vosotros», neutro entre España y América Latina; mensajes en pretérito
# perfecto.

learn_title = Cómo funcionan las sesiones
learn_heading = Cómo guarda esta tienda tu sesión
learn_intro = Once pasos cortos, desde el principio, cada uno con algo que probar sobre tu propia sesión. Ten abierto el <a href="/session" data-testid="learn-inspector-link">inspector</a> en otra pestaña: muestra lo que guarda tu sesión y, después de un formulario, lo que ha cambiado ese formulario. Cada «Pruébalo» indica qué respuesta esperar.
learn_words = Dos conceptos que conviene no confundir: la <strong>sesión</strong> es lo que la tienda recuerda de tu navegador (un carrito, un idioma, un mensaje) desde tu primera visita; <strong>entrar en tu cuenta</strong> («Iniciar sesión») es decirle quién eres. Tienes una sesión antes de entrar en tu cuenta y también después de salir de ella.
learn_answers = responde
learn_try = Pruébalo

learn_step0_title = 0. Antes de nada: qué es una cookie
learn_step0_text = HTTP no te recuerda entre una petición y otra: cada una llega por separado. Para recordarte, el servidor añade una cabecera a su respuesta, <code>Set-Cookie: nombre=valor</code>. Tu navegador guarda ese par y lo devuelve con cada petición posterior al mismo sitio, como <code>Cookie: nombre=valor</code>. Una sesión se construye solo con ese ir y venir.
learn_step0_kinds = Hay dos maneras de construirla. <strong>En el cliente</strong>: la propia cookie lleva los datos (esta tienda, y Flask por defecto), así que hay que protegerla para que nadie la lea ni la cambie, y tiene que caber en 4096 bytes. <strong>En el servidor</strong>: la cookie lleva solo un ID aleatorio y los datos se quedan en el servidor (Flask-Session, Django por defecto), así que el servidor tiene que guardarlos y compartir ese almacén entre sus instancias. El paso 2 muestra las dos.
learn_step0_mdn = Una trampa de vocabulario: MDN llama «cookie de sesión» a una cookie sin <code>Expires</code> ni <code>Max-Age</code>, porque el navegador la borra al cerrarse. La cookie de esta tienda que se llama <code>session</code> tiene <code>Max-Age</code>, así que para MDN es una cookie persistente: sobrevive a un reinicio del navegador hasta que se acaba su tiempo.
learn_step0_try = El inspector
learn_step0_try_note = muestra la cookie que tu navegador ha enviado con esa misma petición, y el <code>Set-Cookie</code> que devuelve la respuesta.

learn_step1_title = 1. Guardar, consultar y quitar un valor
learn_step1_text = El artículo del que nació esta tienda guarda <code>username = "user"</code> en la sesión, lo vuelve a leer y lo quita. En Flask se escribe <code>session['username'] = 'user'</code>; aquí la sesión es un struct tipado, y el controlador llama a <code>session.set_demo_value("user")</code>. Prueba los cuatro enlaces en orden:
learn_step1_note = «Logged in» es la redacción del artículo: el valor es solo un ejemplo, no significa que hayas iniciado sesión.

learn_step2_title = 2. Cuatro maneras de guardar el mismo valor
learn_step2_text = Las mismas tres rutas, cuatro veces, y cada vez <code>user</code> se guarda de una manera distinta. Todas responden exactamente como las rutas del artículo.
learn_way = Manera
learn_way_cookie = La cookie tal como se envía
learn_way_reader = Lo que averigua quien lee la cookie
learn_way_changed = Qué pasa con una cookie modificada
learn_way_logout = ¿Puede terminarla el servidor?
learn_way_scale = Varios servidores
learn_way_anchor = Quién guarda así las sesiones
# $way: plain, signed, private o server.
learn_way_name = { $way ->
    [plain] Cookie simple
    [signed] Cookie firmada
    [private] Cookie privada (cifrada)
   *[server] Sesión en el servidor
}
learn_way_cookie_text = { $way ->
    [plain] <code>plain_username=user</code>
    [signed] <code>signed_username=</code>, un HMAC-SHA256 solo del valor (no del nombre) en 44 caracteres de base64, con la codificación URL al enviarse (su <code>=</code> final viaja como <code>%3D</code>), y después <code>user</code>
    [private] <code>session=</code>base64 del nonce, el texto cifrado y la etiqueta
   *[server] <code>server_session=</code>un ID aleatorio
}
learn_way_reader_text = { $way ->
    [plain] el valor
    [signed] el valor: va tras la firma, sin cifrar
    [private] nada más que su longitud
   *[server] nada más que un ID
}
learn_way_changed_text = { $way ->
    [plain] se acepta tal cual: con <code>admin</code>, la comprobación responde «Logged in as admin»
    [signed] se rechaza: la firma ya no coincide
    [private] se rechaza: ya no se descifra
   *[server] otro ID no corresponde a ninguna sesión, y 122 bits aleatorios no se adivinan
}
learn_way_logout_text = { $way ->
    [plain] no: puede pedirle al navegador que la borre, pero una copia sigue sirviendo
    [signed] no: esta cookie no lleva ninguna marca de tiempo, así que una copia sigue siendo válida mientras no cambie la clave (la cookie firmada de Flask lleva una marca de tiempo, que se comprueba con <code>PERMANENT_SESSION_LIFETIME</code>)
    [private] solo si el servidor recuerda las sesiones terminadas (esta tienda lo hace: paso 9)
   *[server] sí: borra el valor, y todas las copias del ID dejan de valer
}
learn_way_scale_text = { $way ->
    [plain] cualquier servidor la lee
    [signed] cualquier servidor con la clave
    [private] cualquier servidor con la clave; terminar sesiones requiere un almacén compartido (Redis)
   *[server] todos los servidores necesitan el almacén compartido (aquí: la memoria para uno, Redis para varios)
}
learn_way_anchor_text = { $way ->
    [plain] un simple <code>set_cookie</code> en Flask, <code>jar.add</code> en Rocket
    [signed] la <code>session</code> por defecto de Flask, en su propio formato (itsdangerous: JSON, una marca de tiempo, HMAC-SHA1)
    [private] <code>add_private</code> de Rocket, y esta tienda
   *[server] Flask-Session, Django por defecto
}
learn_step2_note = Antes de hacer <em>pop</em>, abre el almacenamiento de tu navegador (herramientas para desarrolladores, luego Aplicación o Almacenamiento, luego Cookies). <code>plain_username</code> contiene <code>user</code>: cámbiala a <code>admin</code> y la tienda lo acepta. <code>signed_username</code> también termina en <code>user</code>, pero si la cambias la comprobación responde «You are not logged in». <code>session</code> es una cadena larga que nadie puede leer ni cambiar sin la clave de la tienda. <code>server_session</code> es solo un ID.
learn_step2_code = La sesión por defecto de Flask es la manera firmada; las cookies privadas de Rocket, cuyo sellado usa esta tienda, la cifrada. Las tres rutas del artículo escritas con la API de cookies privadas de Rocket están en <code>examples/article.rs</code>.

learn_step3_title = 3. Manipular la cookie
learn_step3_text = Cada botón construye una cookie a partir de tu sesión, la altera de una manera concreta y la abre con el mismo código que abre la cookie de cada petición. La página indica qué ha concluido el servidor y por qué, y da un comando <code>curl</code> para que envíes tú esa cookie. Tu propia cookie no se toca. El primer botón no cambia nada: es el control con el que comparar los demás.
learn_step3_note = El control responde «Aceptada»; todos los demás, «Rechazada». Una cookie en la que no se puede confiar equivale a no tener sesión, nunca a un error. Su idioma se pierde con ella: la sesión nueva sigue el idioma de tu navegador hasta que elijas uno.

learn_step4_title = 4. Caducidad
# $idle, $lifetime: duraciones como «30 min», «8 h».
learn_step4_text = Una sesión termina tras { $idle } sin ninguna petición (el límite de inactividad) o { $lifetime } después de empezar (el límite absoluto), lo que llegue antes. La cookie recibe un <code>Max-Age</code>, y el navegador la borra cuando se acaba; pero una copia guardada en otro sitio se puede enviar más tarde. Por eso las marcas de tiempo van dentro del valor cifrado y el servidor las comprueba por sí mismo.
learn_step4_try = El inspector
learn_step4_try_note = muestra cuándo termina tu sesión y qué límite la termina.
learn_step4_note = Para verlo en acción, detén la tienda (Ctrl+C) y arráncala con límites cortos: <code>ROCKET_SESSION_IDLE_TIMEOUT=10 ROCKET_SESSION_MAX_LIFETIME=60 cargo run</code>.

learn_step5_title = 5. El inicio de sesión y la fijación de sesión
learn_step5_text = Anota tu ID de sesión en el <a href="/session" data-try data-expect-status="200">inspector</a> y luego entra en la cuenta de Alice (la contraseña de demostración es <code>rocket-demo</code>):
learn_username = Usuario
learn_password = Contraseña
learn_log_in = Iniciar sesión y abrir el inspector
learn_step5_note = Responde con una redirección al inspector: tu carrito y el valor de ejemplo se conservan, pero el ID de sesión y el token de los formularios son nuevos, y solo la cookie nueva dice que eres Alice. Cada vez que entras en una cuenta, la tienda revoca el ID que tenía la sesión, así que una cookie que alguien te haya plantado antes de entrar (fijación de sesión) ya no abre ninguna sesión: el inspector la da por revocada. Aquí el ataque clásico, en el que el ID que conoce el atacante queda asociado a tu cuenta, no puede ocurrir: solo la cookie nueva, que el atacante nunca ve, dice que has entrado en tu cuenta. Al salir de tu cuenta («Cerrar sesión») la tienda termina la sesión entera y te da una nueva, vacía; solo se conserva tu idioma:
learn_log_out = Cerrar sesión

learn_step6_title = 6. Formularios y CSRF
learn_step6_text = Otro sitio puede hacer que tu navegador envíe un formulario a la tienda. Que tu cookie de sesión vaya con él depende de su atributo <code>SameSite</code>. El <code>SameSite=Lax</code> de esta tienda la deja fuera de los formularios POST de otro sitio y de lo que otro sitio carga desde aquí en segundo plano, pero no de un enlace o un formulario GET que te traiga aquí; por eso aquí ningún GET cambia nada. Pero una cookie con <code>SameSite=None</code> viaja de todos modos; una sin <code>SameSite</code>, también en un navegador que no aplica <code>Lax</code> por defecto; cualquier cookie, en un navegador antiguo; e incluso una <code>Lax</code>, desde una página del mismo sitio: un sitio es el esquema y el dominio registrable, así que otro puerto u otro subdominio de este es el mismo sitio (para <code>127.0.0.1</code>, todos los puertos). Por eso cada formulario de aquí lleva además un <code>csrf_token</code> oculto, un valor aleatorio guardado en tu sesión que otros sitios no pueden leer; un envío sin él, o con un <code>Origin</code> de otro sitio, se rechaza con 403 y no cambia nada. En Flask-WTF, <code>form.hidden_tag()</code> cumple la misma función con un token firmado y de duración limitada.
learn_csrf_forged = Añadir con un token falso
learn_csrf_forged_note = responde 403;
learn_csrf_real = Añadir con tu token
# $product: el nombre de un producto.
learn_csrf_real_note = añade una unidad de { $product } y te lleva al inspector, que muestra la línea del carrito que ha añadido.

learn_step7_title = 7. El carrito y el límite de 4096 bytes
learn_step7_text = Los navegadores solo guardan una cookie si su nombre y su valor juntos ocupan 4096 bytes como máximo, y la sesión entera tiene que caber. Por eso el carrito guarda solo identificadores de producto y cantidades (los nombres y precios salen del catálogo), una línea admite de 1 a 99 unidades, un carrito como mucho 50 líneas, y los campos de envío tienen una longitud máxima: la sesión más grande posible se conoce, y una prueba demuestra que cabe. (Flask no te lo impide: Werkzeug solo avisa cuando el valor completo de una cabecera <code>Set-Cookie</code>, atributos incluidos, pasa de 4093 bytes, su propio umbral, y envía la cookie de todos modos; un navegador descarta sin avisar una cookie cuyo nombre y valor pasan de 4096).
learn_quantity = Cantidad
learn_add = Añadir y ver el tamaño
learn_step7_note = El inspector cuenta los bytes de la cookie tal como los envía <code>Set-Cookie</code>: <code>session=</code> y el valor, con la codificación URL. Como también cuenta el <code>=</code>, el límite de la tienda es un byte más estricto que el del navegador.

learn_step8_title = 8. Claves secretas y rotación
learn_step8_text = Todo se apoya en <code>secret_key</code> (el <code>SECRET_KEY</code> de Flask). <code>cargo run</code> usa una clave de desarrollo publicada en <code>Rocket.toml</code>; una compilación de producción se niega a arrancar sin <code>ROCKET_SECRET_KEY</code>. Todos los servidores que comparten la clave abren las mismas sesiones sin compartir un almacén de sesiones; solo las sesiones terminadas del paso 9 necesitan un Redis compartido. Si cambias la clave, ninguna sesión existente se vuelve a abrir. Para cambiarla sin echar a todo el mundo de su cuenta, esta tienda tiene un ajuste propio, <code>secret_key_fallbacks</code> (las cookies privadas de Rocket conocen una sola clave; Flask 3.1 tiene <code>SECRET_KEY_FALLBACKS</code> con el mismo fin): las sesiones selladas con una clave anterior de esa lista todavía se abren, y se vuelven a sellar con la nueva.
learn_step8_note = «Sellar con otra clave», en el paso 3, muestra qué concluye un servidor con otra clave.

learn_step9_title = 9. Lo que el servidor tiene que recordar
learn_step9_text = Una cookie lo lleva todo, así que una copia vale tanto como el original. Cuando una sesión termina (al salir de tu cuenta, al borrarla o al entrar en cualquier cuenta: entrar renueva el ID, y con otra cuenta además vacía la sesión), la tienda anota su ID en el registro del servidor hasta el momento en que habría caducado de todos modos, y compara cada petición con esa lista. Borra tu sesión:
learn_reset = Borrar mi sesión
learn_step9_note = Te lleva al inspector con una sesión nueva y vacía (tu idioma se conserva); una copia de la cookie anterior ya no abre ninguna sesión («Reenviar la copia de una sesión terminada», en el paso 3, lo hace de verdad con una copia).

learn_step10_title = 10. A partir de aquí: añadir un campo a la sesión
# $version: la versión actual del formato, un número.
learn_step10_text = Supón que la tienda debe recordar una lista de deseos. Añade el campo a <code>SessionData</code> (<code>src/session/data.rs</code>) con un límite de tamaño; añade a <code>Session</code> (<code>src/session/guard.rs</code>) un método que exprese la intención de cambiarlo, para que el hook de respuesta (el código que sella la cookie al final de cada respuesta) lo selle; y sube <code>FORMAT_VERSION</code> en <code>src/session/cookie.rs</code> (ahora { $version }). Las cookies escritas antes se reconocen como de otra versión y se descartan («Usar el formato anterior», en el paso 3), en lugar de leerse mal. El inspector muestra todos los campos que serializa la sesión, así que muestra el nuevo sin más; añade su significado a <code>inspector_field_meaning</code> en los dos <code>locales/*/inspector.ftl</code>, y una prueba nombra cualquier campo que aún no lo tenga. Después añádelo a la prueba de la sesión más grande, para comprobar que la sesión sigue cabiendo en 4096 bytes.
learn_docs = La misma guía para leer con calma, con una tabla Flask ↔ Rocket y comandos curl, está en <code>docs/TUTORIAL.es.md</code> (en inglés, <code>docs/TUTORIAL.md</code>).

# $kind: unchanged, flip, other_key, expired, old_format o revoked.
tamper_button = { $kind ->
    [unchanged] Enviar una copia sin cambios
    [flip] Cambiar un byte
    [other_key] Sellar con otra clave
    [expired] Dejarla caducar
    [old_format] Usar el formato anterior
   *[revoked] Reenviar la copia de una sesión terminada
}
tamper_accepted_word = Aceptada
tamper_rejected_word = Rechazada
tamper_title = Laboratorio de manipulación
# $kind: lo que se envió como tipo.
tamper_unknown = «{ $kind }» no es algo que el laboratorio pueda hacerle a una cookie. Elige uno de los botones de abajo.
tamper_intro = El laboratorio ha construido una cookie a partir de tu sesión, la ha alterado como has pedido y la ha abierto con el mismo código que abre la cookie de cada petición. Tu propia cookie no se ha tocado.
tamper_built = La cookie fabricada
# $kind: lo que se hizo; $index: la posición de un byte; $before, $after: su
# valor, en hexadecimal; $created, $seen, $ended: fechas y horas; $written,
# $read: versiones del formato; $copy: el ID de sesión de la copia.
tamper_what = { $kind ->
    [unchanged] Tu sesión, sellada con la clave de la tienda, y nada más: lo que guarda tu navegador.
    [flip] Tu sesión, sellada con la clave de la tienda; después, el byte { $index } de los bytes sellados ha pasado de { $before } a { $after } (un bit). Está marcado abajo.
    [other_key] Tu sesión, sellada con una clave generada hace un momento que esta tienda nunca ha tenido: lo que produciría otra aplicación o un servidor con una clave nueva, o alguien que falsifica una cookie a mano.
    [expired] Tu sesión con sus marcas de tiempo movidas hacia atrás: creada el { $created }, con última actividad el { $seen }; caducó el { $ended }. Después, sellada con la clave de la propia tienda.
    [old_format] Tu sesión escrita en la versión { $written } del formato (esta tienda lee la versión { $read }), sellada con la clave de la propia tienda: una cookie de antes de una actualización.
   *[revoked] Una copia de tu sesión con su propio ID, { $copy }, sellada con la clave de la propia tienda. El servidor acaba de revocar ese ID de verdad, como al salir de la cuenta, hasta el momento en que la copia habría terminado. Tu propia sesión conserva su ID.
}
# $size: un tamaño en bytes.
tamper_size = { $size } bytes, tal como la guardaría un navegador.
tamper_concluded = Qué ha concluido el servidor
# $reason: el código del veredicto (ver inspector_verdict).
tamper_why = { $reason ->
    [accepted] Nada en una cookie distingue una copia del original: una copia sin cambios se abre como tu sesión. Este es el control para los demás botones.
    [unsealed] El valor está sellado con AES-256-GCM: cifrado y autenticado a la vez. Un cambio en un solo bit, o cualquier clave que no sea la de la tienda, hace fallar la comprobación, y la tienda ni siquiera puede leer lo que había dentro. No intenta adivinar: una petición con esta cookie crea una sesión nueva y vacía, y se le dice al navegador que olvide la cookie.
    [other_version] Dentro del sello hay texto base64url, y el primer byte que resulta al decodificarlo indica cómo se escribió la sesión. Cuando cambia la forma de la sesión, la tienda sube ese número, así que una cookie antigua se descarta en lugar de leerse mal. Una petición con ella crea una sesión nueva.
    [idle] Las marcas de tiempo van dentro del valor cifrado, donde nadie salvo el servidor puede cambiarlas. El navegador borra la cookie cuando se acaba su Max-Age, pero se puede guardar una copia; por eso el servidor comprueba por sí mismo los dos límites en cada petición. Una petición con ella crea una sesión nueva.
    [absolute] Las marcas de tiempo van dentro del valor cifrado, donde nadie salvo el servidor puede cambiarlas. El navegador borra la cookie cuando se acaba su Max-Age, pero se puede guardar una copia; por eso el servidor comprueba por sí mismo los dos límites en cada petición. Una petición con ella crea una sesión nueva.
    [revoked] Una cookie lo lleva todo, así que una copia vale tanto como el original hasta que el servidor dice basta. Cuando una sesión termina, la tienda anota su ID hasta el momento en que la sesión habría terminado de todos modos, y compara cada cookie con esa lista.
   *[other] Una petición con ella crea una sesión nueva.
}
tamper_real = Tu sesión real
# $id: el ID de sesión.
tamper_real_unchanged = Sin cambios: sigue siendo <code>{ $id }</code>. <a href="/session" data-testid="tamper-inspector-link">Abre el inspector</a> para verla.
tamper_curl = Envía tú la cookie fabricada: el inspector responde con su veredicto (<code>accepted</code>, o el motivo del rechazo).
tamper_another = Prueba otra
tamper_back = Volver a la guía
