import TillCatalog
import TillCore
import TillView

/// `till catalog import`'s rows in words: in the command line's language for people and the
/// `--report` file, in English for `--json` (scripts read it).
extension Says {
    /// Why a row is not imported.
    static func row(_ reason: RowReason, in language: Language = CLILanguage.current) -> String {
        let messages = Messages(language)
        func say(_ phrase: CatalogPhrase, _ values: [String: String] = [:]) -> String { phrase.text(language, values) }
        return switch reason {
        case .fieldCount(let found, let columns): say(.fieldCount, ["found": String(found), "columns": String(columns)])
        case .noName: say(.noName)
        case .name(let problem): say(.name, ["problem": messages.text(problem)])
        case .nameControls: say(.nameControls)
        case .scientificSKU(let sku): say(.scientificSKU, ["sku": sku])
        case .sku(let problem): say(.sku, ["problem": messages.text(problem)])
        case .activeFlag(let flag): say(.activeFlag, ["flag": flag])
        case .currency(let error): say(.currency, ["problem": messages.text(error)])
        case .noCurrency: say(.noCurrency)
        case .price(let text, let error): say(.price, ["text": text, "problem": messages.text(error)])
        case .needsPrice: say(.needsPrice)
        case .duplicateSKU(let sku, let first): say(.duplicateSKU, ["sku": sku, "line": String(first)])
        case .skuOnOtherProduct(let sku, let name, let id): say(.skuOnOtherProduct, ["sku": sku, "name": name, "id": id])
        case .skuOnAnotherProduct(let sku, let name, let id): say(.skuOnAnotherProduct, ["sku": sku, "name": name, "id": id])
        case .archived(let name, let id): say(.archived, ["name": name, "id": id])
        case .refused(let failure): say(.refused, ["failure": messages.text(failure)])
        case .notAttempted(let failure): say(.notAttempted, ["failure": messages.text(failure)])
        }
    }

    /// What is done with a row (or why not).
    static func outcome(_ outcome: ImportPlan.Outcome, in language: Language = CLILanguage.current) -> String {
        func say(_ phrase: CatalogPhrase, _ values: [String: String] = [:]) -> String { phrase.text(language, values) }
        func price(_ price: ImportPlan.NewPrice) -> String {
            say(.priceAmount, ["amount": price.amount.formatted]) + (price.sku.map { say(.priceSKU, ["sku": $0]) } ?? "")
                + (price.nickname.map { say(.priceNickname, ["nickname": $0]) } ?? "")
        }
        switch outcome {
        case .create(.product(let name)): return say(.product, ["name": name])
        case .create(.productWithPrice(let name, let new)): return say(.productWithPrice, ["name": name, "price": price(new)])
        case .create(.priceForNewProduct(let new, let name)): return say(.priceForNewProduct, ["price": price(new), "name": name])
        case .create(.price(let new, let name, let id)):
            return say(.priceForProduct, ["price": price(new), "name": name, "id": id])
        case .update(let change):
            var parts: [String] = []
            if let name = change.update.name { parts.append(say(.changeName, ["old": change.name, "new": name])) }
            if change.update.description != nil { parts.append(say(.changeDescription)) }
            if let active = change.update.active { parts.append(say(active ? .changeActive : .changeArchived)) }
            return say(.change, ["id": change.id, "changes": parts.joined(separator: ", ")])
        case .skip(.priceThere(let id, let amount, let asked)):
            return say(.priceThere, ["id": id, "amount": amount.formatted]) + (amount == asked ? "" : say(.amountNeverChanges))
        case .skip(.samePriceAs(let line)): return say(.samePriceAs, ["line": String(line)])
        case .skip(.productThere(let id)): return say(.productThere, ["id": id])
        case .skip(.sameProductAsEarlierLine): return say(.sameProductAsEarlierLine)
        case .fail(let reason): return row(reason, in: language)
        }
    }

    /// Why a whole catalog file cannot be read.
    static func catalogFile(_ error: CatalogFileError, in language: Language = CLILanguage.current) -> String {
        func say(_ phrase: CatalogPhrase, _ values: [String: String] = [:]) -> String { phrase.text(language, values) }
        let why = switch error {
        case .csv(let message): message
        case .nulBytes: say(.nulBytes)
        case .notUTF8(let line, let byte): say(.notUTF8, ["line": String(line), "byte": byte])
        case .oddUTF16: say(.oddUTF16)
        case .loneSurrogate: say(.loneSurrogate)
        case .emptyFile: say(.emptyFile)
        case .severalSKUColumns: say(.severalSKUColumns)
        case .columnTwice(let column): say(.columnTwice, ["column": column])
        case .noNameColumn: say(.noNameColumn)
        }
        return say(error.isHeader ? .header : .unreadable, ["why": why])
    }
}
