// `till catalog import`'s rows in English (also what `--json` carries). Spanish is in Catalog.es.swift.

extension CatalogPhrase {
    static let english: [CatalogPhrase: String] = [
        .fieldCount: "{found} fields, but the header names {columns} columns",
        .noName: "no name",
        .name: "name: {problem}",
        .nameControls: "name: a name cannot hold control characters (a line break or tab)",
        .scientificSKU: "the SKU or barcode {sku} is in scientific notation (as Excel shows long numbers), so its digits "
            + "are lost: format the column as text and export again",
        .sku: "SKU or barcode: {problem}",
        .activeFlag: "active: {flag} is not true or false",
        .currency: "currency: {problem}",
        .noCurrency: "the price has no currency: add a currency column or give --currency",
        .price: "price {text}: {problem}",
        .needsPrice: "a SKU or nickname needs a price",
        .duplicateSKU: "the SKU {sku} is also on line {line}",
        .skuOnOtherProduct: "the SKU {sku} is already on another product, \"{name}\" ({id}); run with --update to rename it",
        .skuOnAnotherProduct: "the SKU {sku} is on \"{name}\" ({id}), another product than this name's",
        .archived: "\"{name}\" ({id}) is archived and takes no new price; run with --update and active=true to bring it back",
        .refused: "WooshPay: {failure}",
        .notAttempted: "not attempted: the run stopped ({failure})",

        .product: "product \"{name}\"",
        .productWithPrice: "product \"{name}\" with {price}",
        .priceForNewProduct: "{price} for \"{name}\"",
        .priceForProduct: "{price} for \"{name}\" ({id})",
        .priceAmount: "price {amount}", .priceSKU: " (SKU {sku})", .priceNickname: " \"{nickname}\"",
        .change: "product {id} {changes}", .changeName: "name \"{old}\" → \"{new}\"", .changeDescription: "description",
        .changeActive: "active", .changeArchived: "archived",
        .priceThere: "already there: {id}, {amount}",
        .amountNeverChanges: " (an amount never changes: archive that price and import again to change it)",
        .samePriceAs: "the same price as line {line}",
        .productThere: "already there: {id}",
        .sameProductAsEarlierLine: "the same product as an earlier line",

        .unreadable: "the file cannot be read: {why}",
        .header: "the header line: {why}",
        .emptyFile: "the file is empty: the first line names the columns (name, price, currency, sku, …)",
        .severalSKUColumns: "there is more than one sku or barcode column",
        .columnTwice: "the column {column} appears twice",
        .noNameColumn: "there is no name column (the columns are name, description, price, currency, sku or barcode, "
            + "nickname, active)",
        .nulBytes: "it holds NUL bytes: UTF-16 without a byte-order mark? Save it as UTF-8, or as UTF-16 with a BOM",
        .notUTF8: "it is not UTF-8 (line {line} holds byte {byte}): save it as UTF-8 (\"CSV UTF-8\" in Excel) or UTF-16 with a BOM",
        .oddUTF16: "it is cut short: UTF-16 with an odd number of bytes",
        .loneSurrogate: "it is not valid UTF-16 (a lone surrogate)",
    ]
}
