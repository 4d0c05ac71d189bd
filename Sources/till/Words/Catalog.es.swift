// Las filas de `till catalog import` en español (`--json` las lleva en inglés). Los huecos, los mismos que en inglés.

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
