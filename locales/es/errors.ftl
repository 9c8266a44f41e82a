# Páginas de error: un título y una explicación por estado.

back_to_shop = Volver a la tienda
error_400_title = Petición incorrecta
error_400 = No se ha podido leer esa petición. Vuelve atrás e inténtalo de nuevo.
error_403_title = Petición rechazada
error_403 = Este formulario ya no es válido o se ha enviado desde otro sitio. Vuelve atrás, recarga la página e inténtalo de nuevo.
error_404_title = Página no encontrada
error_404 = No hemos encontrado esa página. Revisa la dirección o vuelve a la tienda.
error_405_title = Método no permitido
error_405 = Esta dirección solo acepta formularios. Usa los botones de la página.
error_413_title = Formulario demasiado grande
error_413 = Ese formulario era demasiado grande para enviarlo. Acorta lo que has escrito e inténtalo de nuevo.
error_415_title = Formulario no admitido
error_415 = Este formulario se ha enviado de una forma que la tienda no puede leer. Envíalo desde la propia página de la tienda.
error_422_title = No se ha podido procesar el formulario
error_422 = Parte de lo que has enviado no se ha podido leer. Vuelve atrás, revisa el formulario e inténtalo de nuevo.
error_500_title = Algo ha fallado
error_500 = Algo ha fallado por nuestra parte. Inténtalo de nuevo dentro de un momento.
error_other_title = Petición no completada
error_other = No hemos podido completar esa petición. Vuelve atrás e inténtalo de nuevo.
error_429_title = Demasiados intentos
error_429 = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.
error_503_busy = El inicio de sesión está ocupado ahora mismo. Espera un segundo y vuelve a intentarlo.
error_503_database = Ahora mismo no se pueden hacer ni abrir pedidos. Puedes seguir navegando y usando el carrito; vuelve a intentarlo en un momento.
error_503_ledger = Esta parte de la tienda no está disponible ahora mismo. Puedes seguir navegando y usando el carrito; vuelve a intentarlo en un momento.
