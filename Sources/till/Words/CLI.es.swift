// Las palabras de la línea de órdenes en español. Los huecos son `{nombre}` (los mismos que en inglés).

extension CLIPhrase {
    static let spanish: [CLIPhrase: String] = [
        .id: "ID", .name: "Nombre", .description: "Descripción", .active: "Activo", .created: "Creado",
        .metadata: "Metadatos", .product: "Producto", .amount: "Importe", .nickname: "Alias", .lookupKey: "Clave de búsqueda",
        .status: "Estado", .paymentStatus: "Estado del pago", .total: "Total", .expires: "Caduca", .reason: "Motivo",
        .payment: "Pago", .session: "Sesión", .failure: "Fallo", .report: "Informe", .till: "Caja",
        .operatorName: "Operador", .from: "Desde", .to: "Hasta",
        .yes: "sí", .no: "no", .noReason: "ninguno", .noURL: "(sin URL)", .note: "nota",
        .stateSent: "enviado (sin confirmar)", .stateRefused: "rechazado",

        .nameEmpty: "--name está vacío",
        .nothingToChange: "nada que cambiar: indica --name, --description, --active o --metadata",
        .limitRange: "--limit debe estar entre 1 y 100",
        .limitAtLeastOne: "--limit debe ser al menos 1",
        .idEmpty: "el id está vacío",
        .metadataForm: "--metadata espera clave=valor, no '{text}'",
        .unitAmountNegative: "--unit-amount: los importes no pueden ser negativos.",
        .unitAmountRange: "--unit-amount debe estar entre 0 y {most}",
        .oneAmount: "indica solo uno de --unit-amount (unidades menores) o --amount (unidades mayores)",
        .descriptionWithName: "--product-description va con --product-name",
        .oneProduct: "indica solo uno de --product ID o --product-name NOMBRE",
        .someItem: "indica al menos un --item o --item-inline",
        .needSuccessURL: "indica --success-url (o pon success_url en el archivo de configuración)",
        .needCancelURL: "indica --cancel-url (o pon cancel_url en el archivo de configuración)",
        .itemForm: "--item espera PRICE_ID[:CANT], no '{text}'",
        .itemInlineForm: "--item-inline espera \"Nombre:12.50:GBP[:CANT]\", no '{text}'",
        .itemInlineNoName: "--item-inline '{text}' no tiene nombre",
        .quantityRange: "la cantidad de '{text}' debe ser un número entero de {least} a {most}",
        .amountOrItem: "indica --amount o --item, no ambos",
        .keyLength: "--idempotency-key debe tener de 1 a 255 caracteres",
        .reasonOneOf: "--reason debe ser uno de {reasons}",
        .sinceBeforeUntil: "--since debe ser anterior a --until",
        .shopOrTill: "indica --shop o --till, no ambos",
        .operatorAlone: "indica --operator solo, sin --shop ni --till",
        .fromBeforeTo: "--from debe ser anterior a --to",
        .windowBackwards: "el periodo empieza el {start}, después de su fin, {end}",
        .csvOrJSON: "indica --csv o --json, no ambos",

        .sandboxNotStarted: "no se pudo iniciar el sandbox integrado: {error}",
        .noTillServes: "ninguna caja de este equipo sirve el sandbox integrado, así que esta orden lo ha servido solo "
            + "mientras se ejecutaba: la URL de pago se abre (en {url}) mientras una caja funcione en este equipo, "
            + "o `till sandbox` lo sirve por sí solo.",
        .unfinishedAdvice: "puede que se haya hecho: repite la misma orden con --idempotency-key {key} "
            + "para terminarla sin duplicarla",

        .managersName: "Nombre del encargado: ",
        .pinFor: "PIN de {name}: ",
        .pinPrompt: "PIN (de 4 a 12 dígitos): ",
        .pinAgain: "Repite el PIN: ",
        .pinRule: "un PIN tiene de 4 a 12 dígitos",
        .needsManager: "«{action}» requiere un encargado: indica --operator NOMBRE --pin-stdin (el PIN por la entrada estándar).",
        .looksLikePIN: "Eso parece un PIN, no un nombre: indica el nombre del encargado y después el PIN.",
        .notAPINRefused: "No es un PIN ({rule}): se rechaza «{action}», no se ha enviado nada.",
        .actionRefused: "Se rechaza «{action}», no se ha enviado nada.",
        .roleRefused: "«{action}» requiere un encargado, y {name} es {role}: ejecútalo con --operator y el PIN de un "
            + "encargado. No se ha enviado nada.",
        .refused: "Rechazado.",
        .wrongPIN: "Nombre o PIN incorrectos.",
        .wrongPINLocked: "Nombre o PIN incorrectos. Demasiados intentos: bloqueado durante {time}.",
        .lockedOut: "Demasiados PIN incorrectos: vuelve a intentarlo dentro de {time}.",
        .actionRefund: "Reembolsar", .actionZClose: "Cerrar el turno (Z)", .actionExpireAll: "Caducar todas las sesiones abiertas",
        .actionDiscardTicket: "Descartar el ticket de otro operador", .actionArchive: "Archivar el producto",
        .cashier: "cajero", .manager: "encargado",
        .firstIsCashier: "el primer operador de la tienda es cajero: nadie podrá aprobar reembolsos ni cerrar el turno "
            + "hasta que se añada un encargado (till operators add NOMBRE --role manager)",
        .operatorAdded: "Añadido {name} ({role}).",
        .noOperators: "No hay operadores: Till funciona como una sola persona sin PIN. Añade uno con "
            + "`till operators add NOMBRE --role manager`.",
        .operatorRemoved: "Eliminado {name}.",
        .pinSet: "Nuevo PIN para {name}.",
        .roleSet: "{name} ahora es {role}.",
        .auditNotRecorded: "el cambio se ha hecho, pero no se pudo registrar en la auditoría: {error}",
        .noPINOnStdin: "no hay PIN en la entrada estándar: {rule}",
        .badPINOnStdin: "lo que hay en la entrada estándar no es un PIN: {rule}",
        .notAPIN: "no es un PIN: {rule}",
        .pinsDiffer: "los dos PIN no coinciden: no se ha cambiado nada",
        .noAuditEntries: "No hay entradas de auditoría.",
        .noAuditEntriesFor: "No hay entradas de auditoría de {name}.",

        .notPaid: "{id} no está pagada (estado {status}, pago {payment}): solo se puede reembolsar una sesión pagada. "
            + "No se ha enviado nada.",
        .noPaymentIntent: "{id} no tiene un pago que reembolsar. No se ha enviado nada.",
        .paymentNotSucceeded: "El pago {payment} de {id} está {status}, no completado: no se puede reembolsar. "
            + "No se ha enviado nada.",
        .nothingSent: "No se ha enviado nada.",
        .unconfirmedCounted: "{amount} de los reembolsos contados se enviaron y aún no tienen respuesta: vuelve a "
            + "enviarlos con su --idempotency-key (mira `till refunds list`) para cerrarlos",
        .refundSaved: "el reembolso está guardado en el diario como {key}: repite la misma orden con "
            + "--idempotency-key {key} para enviarlo",
        .journalNotUpdated: "el reembolso {id} ({amount}, {status}) se ha hecho, pero no se pudo actualizar el diario: {error}",
        .rerunToRecord: "repite la misma orden con --idempotency-key {key} para registrarlo",
        .keyOtherSession: "la clave de idempotencia {key} es de un reembolso de {saved}, no de {session}",
        .savedOtherAmount: "el reembolso guardado como {key} es de {saved}, no de {amount}: repítelo con ese importe "
            + "o sin --amount",
        .savedOtherLines: "el reembolso guardado como {key} reembolsa otras líneas: repítelo sin --item",
        .savedOtherReason: "el reembolso guardado como {key} tiene el motivo {reason}: repítelo sin --reason",
        .savedWasRefused: "el reembolso guardado como {key} fue rechazado, así que no se ha reembolsado nada: ejecuta "
            + "la orden sin --idempotency-key para hacer un reembolso nuevo",

        .xReport: "Informe X (solo lectura)", .zReport: "Informe Z n.º {number} (turno cerrado)",
        .everyTill: "todas las cajas", .wholeShop: "la tienda (todas las cajas)",
        .cannotAddUp: "no se puede sumar el informe: {error}",
        .startOfData: "el inicio de los datos", .notIncluded: "(no incluido)",
        .emptyWindow: "No hay sesiones ni reembolsos en este periodo.",
        .paid: "Pagadas", .expired: "Caducadas", .open: "Abiertas", .refunds: "Reembolsos", .pending: "pendientes",
        .unconfirmed: "Sin confirmar", .net: "Neto",
        .stillOpen: "Aún abiertas (till sessions expire ID):",
        .unconfirmedNotNet: "Los reembolsos sin confirmar no se restan del neto: vuelve a enviarlos con "
            + "`till refunds create --session … --idempotency-key CLAVE` (claves: `till refunds list`).",
        .withoutTotal: "Sesiones sin total, no contadas:",

        .noTills: "Todavía no se ha abierto ninguna caja en este almacén de la tienda.",
        .oneItem: "{count} artículo", .items: "{count} artículos", .checkoutBeingCreated: "(cobro en creación)",
        .tillOpen: "abierta", .tillNeverOpened: "nunca abierta", .tillClosed: "cerrada",
        .noTillOpen: "No hay ninguna caja abierta en el almacén de la tienda {location}: abre una o indícala con --till.",
        .severalTillsOpen: "Hay varias cajas abiertas ({tills}): indica una con --till.",
        .keysFileOK: "correcto", .keysFileNone: "no existe, se usan las teclas por defecto",
        .keyPrompt: "Clave secreta de WooshPay: ",
        .noKeyEntered: "No se ha introducido ninguna clave: pega una clave secreta (sk_test_… o sk_live_…) al pedirla.",
        .keyNotAccepted: "La clave no se ha aceptado: {error}",
        .keySaved: "Clave {key} comprobada y guardada en {path}.",
        .keyRemoved: "Clave guardada eliminada.",
        .noTerminalSettings: "No se pueden leer los ajustes del terminal.",

        .concurrencyRange: "--concurrency debe estar entre 1 y 32",
        .cannotRead: "no se puede leer {file}: {error}",
        .columnsIgnored: "aviso: columnas no leídas (Till lee name, description, price, currency, sku o "
            + "barcode, nickname, active): {columns}",
        .dryRunLine: "línea {line}: se haría {action} {detail}",
        .failedLine: "línea {line}: {detail}",
        .cannotWriteReport: "no se puede escribir el informe {file}: {error}",
        .runStopped: "la importación se ha detenido: {error}",
        .runAgainSkips: "repite la misma orden: las filas ya importadas se saltan",
        .cannotWrite: "no se puede escribir {file}: {error}",
        .dryRunSummary: "Prueba de {file}: {rows} filas, {created} se crearían, {updated} se actualizarían, "
            + "{skipped} se saltarían, {failed} con error",
        .importSummary: "{file}: {rows} filas, {created} creadas, {updated} actualizadas, {skipped} saltadas, "
            + "{failed} con error en {seconds} s",
        .wouldCreate: "crear", .wouldUpdate: "actualizar", .wouldSkip: "saltar",
        .progress: "{done}/{total} filas · {rate}/s · faltan {left}",

        .webhookTimeoutRange: "--webhook-timeout debe ser mayor que 0 y como mucho 300 segundos.",
        .webhookHostForm: "--allow-webhook-host espera un nombre de equipo o una dirección, no '{host}'.",
        .portRange: "--port debe estar entre 0 y 65535.",
        .failRateRange: "--fail-rate debe estar entre 0 y 1.",
        .latencyNegative: "--latency-ms no puede ser negativo.",
        .refundPendingRange: "--refund-pending debe ser de 0 a {most} segundos.",
        .sandboxNotServed: "no se pudo iniciar el sandbox en {host}:{port} con la base de datos {path}: {error}",
        .sharedSandboxNotStarted: "no se pudo iniciar el sandbox integrado de {path}: {error}",
        .standingBy: "Otra caja sirve el sandbox integrado en {url} (pid {pid}); a la espera de servirlo "
            + "cuando esa se cierre.",
        .clockAdvanced: "Reloj adelantado {duration}: la hora de la cuenta es ahora {now} ({offset} por delante del reloj real).",
        .resetNeedsYes: "till sandbox reset borra todos los productos, precios, sesiones, reembolsos, eventos y webhooks "
            + "de la cuenta y pone en hora su reloj; repítelo con --yes",
        .alreadyEmpty: "La cuenta ya estaba vacía; su reloj vuelve a ser el real.",
        .emptied: "Cuenta vaciada: {counts}; su reloj vuelve a ser el real.",
        .intentState: "pago {id} {status}",
        .lastError: "último error {code}: {message}",
        .sessionState: "La sesión de cobro {id} está {status} ({payment}); {intent}.",
        .noTestHelpers: "este servidor no tiene las ayudas de prueba del sandbox: apunta --api-base a un `till sandbox`",
        .noEvents: "No hay eventos.", .events: "Eventos:",
        .durationForm: "la duración debe ser en segundos o en partes como 25h, 90m, 2d, 1h30m, no '{text}'",
        .durationTooLong: "el reloj avanza como mucho diez años ({most} segundos) cada vez",
        .endpointAdded: "Añadido {id} → {url} (eventos: {events})",
        .signingSecret: "Secreto de firma: {secret} (se muestra solo esta vez: guárdalo para comprobar Wooshpay-Signature)",
        .noEndpoints: "No hay webhooks. Añade uno con: till sandbox webhooks add URL",
        .endpointRemoved: "Eliminado {id}.",
        .limitOneToHundred: "--limit debe ser de 1 a 100",
        .eventOrDeliveries: "indica un id de evento o --deliveries, no ambos",
        .noAttempts: "Todavía no hay intentos de entrega.",
        .event: "Evento", .type: "Tipo", .object: "Objeto", .pendingWebhooks: "Webhooks pendientes",
        .forwardToForm: "--forward-to debe ser una URL http o https absoluta, no '{url}'",
        .forwardLoopbackOnly: "--forward-to solo reenvía al propio equipo (localhost, 127.0.0.1, [::1]); "
            + "añade --allow-forward-host {host} para reenviar allí",
        .maxEventsAtLeastOne: "--max-events debe ser al menos 1",
        .intervalRange: "--interval-ms debe ser de 10 a 60000",
        .ready: "Listo: escuchando eventos. Secreto de firma del webhook: {secret} (Ctrl-C para parar)",
        .readyForwarding: "Listo: escuchando eventos y reenviándolos a {url}. Secreto de firma del webhook: {secret} "
            + "(Ctrl-C para parar)",
        .failed: "falló",
        .doctorNotTried: "no se han probado las llamadas: corrige antes lo marcado con ✗",
        .doctorAllPassed: "Las {count} comprobaciones son correctas.",
        .doctorFailed: "Han fallado {failed} de {count} comprobaciones.",
        .doctorLiveReadsOnly: "una clave real solo lee: no se ha probado a crear, caducar ni repetir (usa una clave de prueba para eso)",
        .doctorNoRefunds: "no se han probado los reembolsos: un reembolso necesita una sesión pagada en la página de pago",
    ]
}

extension ErrorPhrase {
    static let spanish: [ErrorPhrase: String] = [
        .missingKey: "No hay clave secreta de WooshPay para --api-base. Pon WOOSHPAY_SECRET_KEY=sk_test_…, o guarda una en "
            + "{path} (secret_key = \"sk_test_…\", chmod 600), o quita --api-base para usar el sandbox integrado. "
            + "Para `till sandbox`, apunta Till a él con --api-base y cualquier clave sk_test_ "
            + "(sk_test_ y 8 o más letras y dígitos es una cuenta del sandbox).",
        .malformedKey: "La clave secreta no sirve: {reason}.",
        .insecurePermissions: "Los permisos {mode} de '{path}' son demasiado abiertos: el archivo guarda una clave "
            + "secreta, así que nadie más debe poder leerlo. Ejecuta: chmod 600 '{path}'",
        .insecureFolder: "Los permisos {mode} de la carpeta '{path}' son demasiado abiertos: otro usuario podría "
            + "sustituir config.toml por uno cuyo api_base reciba tu clave secreta. Ejecuta: chmod 700 '{path}'",
        .environmentKeyNotUsed: "No se ha usado WOOSHPAY_SECRET_KEY: Till no lee ningún ajuste mientras el archivo de "
            + "configuración no sea seguro.",
        .invalidBaseURL: "La URL base de la API '{url}' no sirve: {reason}.",
        .liveWriteRefused: "Esta orden cambia datos con una clave real (sk_live_); añade --live para confirmarlo.",
        .keysFileLine: "{path} línea {line}: {message}",
        .keyPrefix: "una clave secreta de WooshPay empieza por sk_test_ o sk_live_",
        .urlNotAURL: "se esperaba una URL como https://apitest.wooshpay.com",
        .urlUserInfo: "no debe llevar usuario ni contraseña",
        .urlQueryOrFragment: "no debe llevar consulta ni fragmento",
        .urlPlainHTTP: "http sin cifrar solo se admite hacia loopback (127.0.0.1, localhost, ::1)",
        .urlScheme: "el esquema debe ser https (o http hacia loopback)",
        .keyCharacters: "tras su prefijo sk_test_/sk_live_ una clave solo lleva letras, dígitos y _",
        .keyFromVariable: "{variable}: {reason}",
        .localFile: "{path}: {message}",
        .fileNotWritten: "no se pudo escribir",
        .folderNotCreated: "no se pudo crear la carpeta ({reason})",
        .fileUnreadable: "no se pudo leer",
        .fileNotUTF8: "no es texto UTF-8",

        .newerSchema: "El almacén de la tienda {location} lo creó un Till más nuevo (esquema {found}; este Till conoce "
            + "hasta el {supported}). No se ha cambiado nada: actualiza Till o apúntalo a otro almacén.",
        .storeUnavailable: "El almacén de la tienda {location} no se puede usar: {reason}",
        .storeRefused: "El almacén de la tienda {location} ha rechazado el cambio: {reason}",
        .storeUnreadable: "El almacén de la tienda {location} guarda {what} que no se puede leer: {reason}",
        .tillInUse: "La caja {name} ya está abierta (proceso {pid} en {host}): elige otro nombre con --till, "
            + "o quítalo para tomar uno libre.",
        .invalidTillName: "\"{name}\" no es un nombre de caja: usa de 1 a 32 letras, dígitos, '.', '-' o '_'.",
        .leaseLost: "Otro proceso se ha quedado con la caja {name}.",

        .operatorExists: "Ya existe un operador llamado \"{name}\".",
        .operatorUnknown: "No hay ningún operador llamado \"{name}\".",
        .operatorInvalidName: "No es un nombre de operador: {problem}.",
        .lastManager: "{name} es el último encargado de la tienda: haz antes encargado a otro operador "
            + "(los demás se quedarían sin nadie que apruebe).",

    ]
}

extension Heading {
    static let spanish: [Heading: String] = [
        .id: "ID", .name: "NOMBRE", .active: "ACTIVO", .created: "CREADO", .product: "PRODUCTO", .amount: "IMPORTE",
        .nickname: "ALIAS", .lookupKey: "CLAVE DE BÚSQUEDA", .status: "ESTADO", .payment: "PAGO", .total: "TOTAL",
        .expires: "CADUCA", .till: "CAJA", .quantity: "CANT.", .unit: "UNIDAD", .description: "DESCRIPCIÓN",
        .session: "SESIÓN", .reason: "MOTIVO", .state: "ESTADO", .refund: "REEMBOLSO", .key: "CLAVE", .role: "PAPEL",
        .time: "HORA", .operatorName: "OPERADOR", .action: "ACCIÓN", .object: "OBJETO", .approvedBy: "APROBADO POR",
        .host: "EQUIPO", .pid: "PID", .lastSeen: "VISTA POR ÚLTIMA VEZ", .cart: "CARRITO", .parked: "APARCADOS",
        .shifts: "TURNOS", .count: "NÚMERO", .paid: "PAGADAS", .refunds: "REEMBOLSOS", .refunded: "REEMBOLSADO",
        .type: "TIPO", .url: "URL", .events: "EVENTOS", .when: "CUÁNDO", .event: "EVENTO", .attempt: "INTENTO",
        .result: "RESULTADO", .nextRetry: "PRÓXIMO INTENTO", .pending: "PENDIENTES",
    ]
}

// `till doctor` (`--json` lo lleva en inglés).
extension DoctorPhrase {
    static let spanish: [DoctorPhrase: String] = [
        .configFile: "archivo de configuración", .key: "clave", .embeddedSandbox: "sandbox integrado",
        .retries: "reintentos", .reach: "conectar con {url}", .keyAccepted: "clave aceptada", .clock: "reloj",
        .listProducts: "listar productos", .retrieveAProduct: "obtener un producto", .listPrices: "listar precios",
        .listSessions: "listar sesiones de pago", .unknownId: "error: id desconocido", .wrongKey: "error: clave equivocada",
        .createProduct: "crear un producto", .createPrice: "crearle un precio",
        .createInlinePrice: "crear un precio con su producto en línea",
        .createSessionByPrice: "crear una sesión con un id de precio",
        .createSessionByData: "crear una sesión con datos de precio en línea", .sessionExpiry: "caducidad de la sesión",
        .retrieveTheProduct: "obtener el producto", .retrieveThePrice: "obtener el precio",
        .retrieveTheSession: "obtener la sesión", .listLineItems: "listar las líneas de la sesión",
        .retrievePaymentIntent: "obtener su intento de pago", .listOnePerPage: "listar {what}, uno por página",
        .pageThrough: "paginar {what}", .findByLookupKey: "encontrar el precio por su clave de búsqueda",
        .createWithKey: "crear con una clave de idempotencia", .replay: "la misma creación otra vez (una repetición)",
        .missingParameter: "error: falta un parámetro", .keyReused: "error: clave de idempotencia reutilizada",
        .expireASession: "caducar una sesión", .cleanUp: "limpieza",

        .products: "productos", .prices: "precios", .sessions: "sesiones de pago",
        .product: "un producto", .price: "un precio", .session: "una sesión de pago",

        .configAt: "{path}, modo {mode}", .configNone: "no hay en {path} (valen los valores por defecto)",
        .keyEnvNotSet: "la variable de entorno {name} no está definida", .couldNotStart: "no se pudo iniciar: {error}",
        .keySandbox: "ninguna: el sandbox integrado en {url}", .keyTest: "modo de prueba, {source}",
        .keyLive: "modo real, {source}: solo se hacen lecturas", .keyFrom: "de {place}",
        .noRetries: "ninguna petición necesitó uno", .retriedOne: "se reintentó {count} intento fallido ({reasons})",
        .retriedMany: "se reintentaron {count} intentos fallidos ({reasons})",
        .reached: "HTTP {status}, {secure}", .tlsVerified: "TLS verificado", .plainHTTP: "http sin cifrar (loopback)",
        .answered: "GET /v1/products respondió {status}", .keyRefused: "la clave fue rechazada: {failure}",
        .answeredFailure: "GET /v1/products respondió: {failure}",
        .noDateHeader: "el servidor no envió una cabecera Date con la que comparar",
        .clockWithinASecond: "a menos de un segundo de la hora del servidor", .clockAhead: "{seconds} s por delante de la hora del servidor",
        .clockBehind: "{seconds} s por detrás de la hora del servidor",
        .clockOff: "{skew}: la caducidad de las sesiones y los periodos de los informes saldrían mal; "
            + "ajusta el reloj del sistema (NTP)",
        .onFirstPage: "{count} en la primera página", .priceFor: "{id} para {product}", .sessionTotal: "{id}, {total}",
        .noTotal: "sin total", .timesIn: ", horas en {units}", .seconds: "segundos", .milliseconds: "milisegundos",
        .and: " y ",
        .expiryMisread: "expires_at es {expires}, no 24 horas después de created ({created}): se lee mal una unidad de tiempo",
        .expiryRight: "24 horas después de created", .idStatus: "{id}, {status}", .oneItem: "{count} artículo",
        .items: "{count} artículos", .hasMore: "has_more {value}",
        .hasMoreFalse: "has_more es false con más de {one} en la cuenta",
        .startingAfter: "starting_after {id}", .lookupFound: "{key} → {id}", .sameProduct: "{id}, el mismo producto",
        .answerDiffers: "la respuesta no es la de docs/api-coverage.md",
        .refusalDiffers: "el rechazo no es el de docs/api-coverage.md", .refusedStatus: "HTTP {status} {parts}",
        .cleanedUp: "archivados {products} productos y {prices} precios, caducadas {sessions} sesiones",
        .notCleanedUp: "no se pudo archivar ni caducar {ids}",
        .lookupMismatch: "lookup_keys[0]={key} encontró {found}, se esperaba solo {id}",
        .replayMadeAnother: "la repetición creó otro producto, {id}", .notExpired: "{status} tras caducarla",
        .pageRepeated: "starting_after {id} devolvió {found}", .nothing: "nada",
    ]
}

// Por qué Till rechaza una línea de config.toml o keys.toml.
extension ConfigPhrase {
    static let spanish: [ConfigPhrase: String] = [
        .nulCharacter: "no se admite un carácter NUL",
        .notTOML: "no es TOML",
        .unknownSetting: "ajuste desconocido '{key}' (se conocen: {known})",
        .width: "{key} debe ser {widths} (columnas)", .or: " o ",
        .notString: "'{key}' debe ser un texto entre comillas",
        .secretKey: "secret_key: {reason}",
        .printer: "printer debe ser \"tcp://HOST:9100\", un archivo de dispositivo como \"/dev/usb/lp0\", "
            + "o \"file:RUTA\" (no \"{value}\")",
        .printerCodePage: "printer_codepage debe ser uno de {accepted}",
        .printerQR: "printer_qr debe ser \"native\" o \"raster\"",
        .lockAfter: "lock_after debe ser un tiempo como \"5m\", \"90s\" o \"1h\", u \"off\"",
        .language: "language debe ser uno de {accepted}",
        .permissionsNotATable: "permissions debe ser una tabla ([permissions] con {actions})",
        .unknownPermission: "permissions: acción desconocida '{key}' (se conocen: {actions})",
        .permissionSetting: "permissions.{key} debe ser uno de {accepted}, entre comillas",
        .keysUnreadable: "no se pudo leer",
        .keysNotUTF8: "no es texto UTF-8",
        .keysNotATable: "{scope} no es una tabla: las teclas van bajo una tabla como [cart]",
        .keysNotKeys: "{action} en [{scope}] espera una tecla entre comillas o una lista de ellas: {action} = \"Ctrl-K\" "
            + "o {action} = [\"Ctrl-K\", \"F2\"]",
    ]
}

// `till products import` (`--json` lo lleva en inglés).
extension CatalogPhrase {
    static let spanish: [CatalogPhrase: String] = [
        .fieldCount: "{found} campos, pero la cabecera nombra {columns} columnas",
        .noName: "sin nombre",
        .name: "nombre: {problem}",
        .nameControls: "nombre: un nombre no puede llevar caracteres de control (un salto de línea o un tabulador)",
        .scientificSKU: "el SKU o código de barras {sku} está en notación científica (como Excel muestra los números "
            + "largos), así que sus dígitos se han perdido: da formato de texto a la columna y exporta otra vez",
        .sku: "SKU o código de barras: {problem}",
        .activeFlag: "active: {flag} no es true ni false",
        .currency: "moneda: {problem}",
        .noCurrency: "el precio no tiene moneda: añade una columna currency o indica --currency",
        .price: "precio {text}: {problem}",
        .needsPrice: "un SKU o un alias necesita un precio",
        .duplicateSKU: "el SKU {sku} también está en la línea {line}",
        .skuOnOtherProduct: "el SKU {sku} ya está en otro producto, «{name}» ({id}); ejecútalo con --update para renombrarlo",
        .skuOnAnotherProduct: "el SKU {sku} está en «{name}» ({id}), otro producto que el de este nombre",
        .archived: "«{name}» ({id}) está archivado y no admite precios nuevos; ejecútalo con --update y active=true "
            + "para recuperarlo",
        .refused: "WooshPay: {failure}",
        .notAttempted: "no se intentó: la ejecución se detuvo ({failure})",

        .product: "el producto «{name}»",
        .productWithPrice: "el producto «{name}» con {price}",
        .priceForNewProduct: "{price} para «{name}»",
        .priceForProduct: "{price} para «{name}» ({id})",
        .priceAmount: "el precio {amount}", .priceSKU: " (SKU {sku})", .priceNickname: " «{nickname}»",
        .change: "el producto {id}: {changes}", .changeName: "nombre «{old}» → «{new}»", .changeDescription: "descripción",
        .changeActive: "activo", .changeArchived: "archivado",
        .priceThere: "ya está: {id}, {amount}",
        .amountNeverChanges: " (un importe nunca cambia: archiva ese precio e importa otra vez para cambiarlo)",
        .samePriceAs: "el mismo precio que la línea {line}",
        .productThere: "ya está: {id}",
        .sameProductAsEarlierLine: "el mismo producto que una línea anterior",

        .unreadable: "no se puede leer el archivo: {why}",
        .header: "la línea de cabecera: {why}",
        .emptyFile: "el archivo está vacío: la primera línea nombra las columnas (name, price, currency, sku, …)",
        .severalSKUColumns: "hay más de una columna sku o barcode",
        .columnTwice: "la columna {column} aparece dos veces",
        .noNameColumn: "no hay columna name (las columnas son name, description, price, currency, sku o barcode, "
            + "nickname, active)",
        .nulBytes: "tiene bytes NUL: ¿UTF-16 sin marca de orden de bytes? Guárdalo como UTF-8, o como UTF-16 con BOM",
        .notUTF8: "no es UTF-8 (la línea {line} tiene el byte {byte}): guárdalo como UTF-8 (\"CSV UTF-8\" en Excel) "
            + "o UTF-16 con BOM",
        .oddUTF16: "está cortado: UTF-16 con un número impar de bytes",
        .loneSurrogate: "no es UTF-16 válido (un sustituto suelto)",
    ]
}
