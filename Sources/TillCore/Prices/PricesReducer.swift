import Foundation

/// The prices pane's reducer.
public enum PricesFeature {
    /// Shows a product's prices: focus moves to the prices pane and its prices load.
    static func open(_ product: Product, in state: inout AppState) -> [Effect] {
        let wasLoading = state.prices.load == .loading
        state.focus = .prices
        state.prices = PricesState()
        state.prices.productId = product.id
        state.prices.productName = product.name
        state.prices.load = .loading
        let load = Effect.loadPrices(productId: product.id)
        return wasLoading ? [.cancel(.pricesLoad), load] : [load]
    }

    public static func reduce(into state: inout AppState, action: PricesAction) -> [Effect] {
        switch action {
        case .pricesLoaded(let productId, let result):
            guard productId == state.prices.productId, state.prices.load == .loading else { return [] }
            switch result {
            case .success(let prices):
                state.prices.prices = prices
                state.prices.selection = min(state.prices.selection, max(prices.count - 1, 0))
                state.prices.load = .idle
                state.catalog.priceCounts[productId] = prices.count
            case .failure(let failure):
                state.prices.load = .failed(failure)
                state.status.message = .error("Could not load prices: \(failure.description) Press r to retry.")
            }
            return []

        case .selectionMoved(let movement):
            let moved = ListScroll.move(movement, selection: state.prices.selection, top: state.prices.scrollTop,
                                        count: state.prices.prices.count, rows: ScreenLayout.listRows(state.screen))
            state.prices.selection = moved.selection
            state.prices.scrollTop = moved.top
            return []

        case .reloadRequested:
            guard let productId = state.prices.productId else { return noProduct(&state) }
            let wasLoading = state.prices.load == .loading
            state.prices.load = .loading
            let load = Effect.loadPrices(productId: productId)
            return wasLoading ? [.cancel(.pricesLoad), load] : [load]

        case .newPriceRequested:
            guard let id = state.prices.productId, let name = state.prices.productName else { return noProduct(&state) }
            state.prices.form = PriceForm(fields: .existingProduct(id: id, name: name, FormState(
                [.currency: state.settings.defaultCurrency.code], focus: .amount)))
            return []

        case .newPriceWithProductRequested:
            state.prices.form = PriceForm(fields: .newProduct(FormState(
                [.currency: state.settings.defaultCurrency.code], focus: .productName)))
            return []

        case .addToCartRequested:
            guard let price = state.prices.selectedPrice else {
                state.status.message = .error("No price selected.")
                return []
            }
            guard price.active else {
                state.status.message = .error("This price is archived and cannot be sold.")
                return []
            }
            // WooshPay refuses a session with a price of an archived product: say so now, by name.
            if let product = state.catalog.products.first(where: { $0.id == price.productId }), !product.active {
                state.status.message = .error("\"\(product.name)\" is archived and cannot be sold: unarchive it first (a on Products).")
                return []
            }
            let line = CartLine(price: price, productName: state.prices.productName ?? price.productId)
            return CartFeature.add(line, to: &state)

        case .priceCreated(.success(let price)):
            var inlineProduct: ProductDraft?
            if let form = state.prices.form, form.isSubmitting {
                if case .newProduct(let fields) = form.fields {
                    let description = fields.trimmed(.productDescription)
                    inlineProduct = ProductDraft(name: fields.trimmed(.productName),
                                                 description: description.isEmpty ? nil : description)
                }
                state.prices.form = nil
            }
            if let inlineProduct {
                // The product was made with the price: add it to the catalog and show its prices.
                let product = Product(id: price.productId, name: inlineProduct.name,
                                      description: inlineProduct.description, created: price.created)
                CatalogFeature.insertOrReplace(product, in: &state.catalog)
                state.prices = PricesState()
                state.prices.productId = product.id
                state.prices.productName = product.name
            }
            if price.productId == state.prices.productId {
                state.prices.prices.removeAll { $0.id == price.id }
                state.prices.prices.insert(price, at: 0)
                state.prices.selection = 0
                state.catalog.priceCounts[price.productId] = state.prices.prices.count
            } else if let count = state.catalog.priceCounts[price.productId] {
                state.catalog.priceCounts[price.productId] = count + 1
            }
            state.status.message = .info("Created price \(price.money.formatted).")
            return []

        case .priceCreated(.failure(let failure)):
            if var form = state.prices.form, form.isSubmitting {
                switch form.fields {
                case .existingProduct(let id, let name, var fields):
                    fields.isSubmitting = false
                    fields.refuse(failureText(failure), at: nil)
                    form.fields = .existingProduct(id: id, name: name, fields)
                case .newProduct(var fields):
                    fields.isSubmitting = false
                    fields.refuse(failureText(failure), at: nil)
                    form.fields = .newProduct(fields)
                }
                state.prices.form = form
            } else {
                state.status.message = .error("Could not create the price: \(failure.description)")
            }
            return []
        }
    }

    /// The price forms' reducer (typing, Tab, Enter, Esc).
    static func reduceForm(into state: inout AppState, action: FormAction) -> [Effect] {
        guard var form = state.prices.form else { return [] }
        if case .cancelled = action {
            state.prices.form = nil
            return []
        }
        var effects: [Effect] = []
        switch form.fields {
        case .existingProduct(let id, let name, var fields):
            effects = step(&fields, action: action, key: &form.idempotencyKey) { fields throws(FieldError<PriceField>) in
                let (amount, nickname) = try parsePrice(fields, currency: .currency, amount: .amount, nickname: .nickname)
                return PriceDraft(product: .existing(id: id), amount: amount, nickname: nickname)
            }
            form.fields = .existingProduct(id: id, name: name, fields)
        case .newProduct(var fields):
            effects = step(&fields, action: action, key: &form.idempotencyKey) { fields throws(FieldError<InlinePriceField>) in
                let productName = fields.trimmed(.productName)
                if let problem = ProductDraft.problem(withName: productName) { throw FieldError(problem, .productName) }
                let description = fields.trimmed(.productDescription)
                let (amount, nickname) = try parsePrice(fields, currency: .currency, amount: .amount, nickname: .nickname)
                let product = ProductDraft(name: productName, description: description.isEmpty ? nil : description)
                return PriceDraft(product: .inline(product), amount: amount, nickname: nickname)
            }
            form.fields = .newProduct(fields)
        }
        state.prices.form = form
        return effects
    }

    /// One form action on a price form: edits drop the idempotency key; a valid submit sends the draft.
    private static func step<Field>(_ fields: inout FormState<Field>, action: FormAction, key: inout String?,
                                    draft: (FormState<Field>) throws(FieldError<Field>) -> PriceDraft) -> [Effect] {
        switch action {
        case .edited:
            guard !fields.isSubmitting else { return [] }
            let before = fields.values
            fields.edit(action)
            if fields.values != before { key = nil }
            return []
        case .focusMovedNext, .focusMovedPrevious, .cancelled:
            fields.edit(action)
            return []
        case .submitted(let freshID):
            guard !fields.isSubmitting else { return [] }
            do {
                let priceDraft = try draft(fields)
                let idempotencyKey = key ?? freshID
                key = idempotencyKey
                fields.message = nil
                fields.invalidField = nil
                fields.isSubmitting = true
                return [.createPrice(priceDraft, idempotencyKey: idempotencyKey)]
            } catch {
                fields.refuse(error.message, at: error.field)
                return []
            }
        }
    }

    /// Reads currency, amount and nickname fields.
    static func parsePrice<Field>(_ fields: FormState<Field>, currency: Field, amount: Field,
                                  nickname: Field) throws(FieldError<Field>) -> (Money, String?) {
        let parsedCurrency: Currency
        do { parsedCurrency = try Currency(fields[currency].text) } catch {
            throw FieldError(error.description, currency)
        }
        let money: Money
        do { money = try Money(parsing: fields[amount].text, currency: parsedCurrency) } catch {
            throw FieldError(error.description, amount)
        }
        let nick = fields.trimmed(nickname)
        return (money, nick.isEmpty ? nil : nick)
    }

    private static func noProduct(_ state: inout AppState) -> [Effect] {
        state.status.message = .error("Open a product first: Enter on the products pane.")
        return []
    }
}

/// A validation failure and the field it concerns.
struct FieldError<Field: FormField>: Error {
    var message: String
    var field: Field?
    init(_ message: String, _ field: Field?) {
        self.message = message
        self.field = field
    }
}
