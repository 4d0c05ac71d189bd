import Foundation

/// The prices pane's feature: one product's prices and the price forms.
public enum PricesFeature {
    /// What the prices pane needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// Enter on a price: this line goes into the cart.
        case addToCart(CartLine)
        /// A price was created with a new product: the products list gains it.
        case productCreated(Product)
        /// The prices of a product are known (loaded, or one created while shown), newest first.
        case pricesLoaded(productId: String, [Price])
        /// A price was created for a product whose prices were not on screen.
        case priceAdded(Price)
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Sendable {
        /// Rows the list shows.
        public var rows: Int
        /// Currency prefilled in new price forms.
        public var defaultCurrency: Currency
        /// The name of a product the catalog knows to be archived (its prices are not sold), or nil.
        public var archivedProductName: @Sendable (String) -> String? = { _ in nil }
    }

    public static func reduce(into state: inout PricesState, action: PricesAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .opened(let product):
            let wasLoading = state.load == .loading
            state = PricesState()
            state.productId = product.id
            state.productName = product.name
            state.load = .loading
            let load = Effect.loadPrices(productId: product.id)
            return Reduced(wasLoading ? [.cancel(.pricesLoad), load] : [load])

        case .productUpdated(let product):
            // The title names the product: keep it in step with a rename.
            if state.productId == product.id { state.productName = product.name }
            return .none

        case .selectionMoved(let movement):
            ListScroll.apply(movement, selection: &state.selection, top: &state.scrollTop, count: state.prices.count, rows: context.rows)
            return .none

        case .reloadRequested:
            guard let productId = state.productId else { return noProduct }
            let wasLoading = state.load == .loading
            state.load = .loading
            let load = Effect.loadPrices(productId: productId)
            return Reduced(wasLoading ? [.cancel(.pricesLoad), load] : [load])

        case .newPriceRequested:
            guard let id = state.productId, let name = state.productName else { return noProduct }
            state.form = PriceForm(fields: .existingProduct(id: id, name: name, FormState(
                [.currency: context.defaultCurrency.code], focus: .amount)))
            return .none

        case .newPriceWithProductRequested:
            state.form = PriceForm(fields: .newProduct(FormState(
                [.currency: context.defaultCurrency.code], focus: .productName)))
            return .none

        case .newPriceForCodeRequested(let code):
            state.form = PriceForm(fields: .newProduct(FormState(
                [.currency: context.defaultCurrency.code, .lookupKey: code], focus: .productName)), addsToCart: true)
            return .info(.newProductForCode(code: code))

        case .addToCartRequested:
            guard let price = state.selectedPrice else { return .error(.noPriceSelected) }
            guard price.active else { return .error(.priceArchived) }
            // WooshPay refuses a session with a price of an archived product: say so now, by name.
            if let name = context.archivedProductName(price.productId) {
                return .error(.productArchived(name: name))
            }
            return .delegate(.addToCart(CartLine(price: price, productName: state.productName ?? price.productId)))

        case .form(let formAction):
            return Reduced(reduceForm(into: &state, action: formAction))
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout PricesState, action: PricesAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .pricesLoaded(let productId, let result):
            guard productId == state.productId, state.load == .loading else { return .none }
            switch result {
            case .success(let prices):
                state.prices = prices
                state.selection = min(state.selection, max(prices.count - 1, 0))
                state.load = .idle
                return .delegate(.pricesLoaded(productId: productId, prices))
            case .failure(let failure):
                state.load = .failed(failure)
                return .error(.loadFailed(.prices, failure, retry: .pricesReload))
            }

        case .priceCreated(.success(let price)):
            var delegates: [Delegate] = []
            var inlineProduct: ProductDraft?
            let sells = state.form?.isSubmitting == true && state.form?.addsToCart == true
            if let form = state.form, form.isSubmitting {
                if case .newProduct(let fields) = form.fields {
                    let description = fields.trimmed(.productDescription)
                    inlineProduct = ProductDraft(name: fields.trimmed(.productName),
                                                 description: description.isEmpty ? nil : description)
                }
                state.form = nil
            }
            if let inlineProduct {
                // The product was made with the price: the catalog gains it and its prices are shown.
                let product = Product(id: price.productId, name: inlineProduct.name,
                                      description: inlineProduct.description, created: price.created)
                delegates.append(.productCreated(product))
                state = PricesState()
                state.productId = product.id
                state.productName = product.name
            }
            if price.productId == state.productId {
                state.prices.removeAll { $0.id == price.id }
                state.prices.insert(price, at: 0)
                state.selection = 0
                delegates.append(.pricesLoaded(productId: price.productId, state.prices))
            } else {
                delegates.append(.priceAdded(price))
            }
            if sells {
                delegates.append(.addToCart(CartLine(price: price, productName: inlineProduct?.name ?? state.productName ?? price.productId)))
            }
            return Reduced(status: .info(.priceCreated(price.money)), delegates: delegates)

        case .priceCreated(.failure(let failure)):
            guard var form = state.form, form.isSubmitting else {
                return .error(.priceCreateFailed(failure))
            }
            switch form.fields {
            case .existingProduct(let id, let name, var fields):
                fields.failed(failure)
                form.fields = .existingProduct(id: id, name: name, fields)
            case .newProduct(var fields):
                fields.failed(failure)
                form.fields = .newProduct(fields)
            }
            state.form = form
            return .none
        }
    }

    /// The price forms (typing, Tab, Enter, Esc).
    private static func reduceForm(into state: inout PricesState, action: FormAction) -> [Effect] {
        guard var form = state.form else { return [] }
        if case .cancelled = action {
            state.form = nil
            return []
        }
        var effects: [Effect] = []
        switch form.fields {
        case .existingProduct(let id, let name, var fields):
            effects = step(&fields, action: action, key: &form.idempotencyKey) { fields throws(FieldError<PriceField>) in
                let (amount, nickname) = try parsePrice(fields, currency: .currency, amount: .amount, nickname: .nickname)
                let lookupKey = try parseLookupKey(fields, .lookupKey)
                return PriceDraft(product: .existing(id: id), amount: amount, nickname: nickname, lookupKey: lookupKey)
            }
            form.fields = .existingProduct(id: id, name: name, fields)
        case .newProduct(var fields):
            effects = step(&fields, action: action, key: &form.idempotencyKey) { fields throws(FieldError<InlinePriceField>) in
                let productName = fields.trimmed(.productName)
                if let problem = ProductDraft.nameProblem(productName) { throw FieldError(.nameProblem(problem), .productName) }
                let description = fields.trimmed(.productDescription)
                let (amount, nickname) = try parsePrice(fields, currency: .currency, amount: .amount, nickname: .nickname)
                let lookupKey = try parseLookupKey(fields, .lookupKey)
                let product = ProductDraft(name: productName, description: description.isEmpty ? nil : description)
                return PriceDraft(product: .inline(product), amount: amount, nickname: nickname, lookupKey: lookupKey)
            }
            form.fields = .newProduct(fields)
        }
        state.form = form
        return effects
    }

    /// One form action on a price form: edits drop the idempotency key; a valid submit sends the draft.
    private static func step<Field>(_ fields: inout FormState<Field>, action: FormAction, key: inout String?,
                                    draft: (FormState<Field>) throws(FieldError<Field>) -> PriceDraft) -> [Effect] {
        guard case .submitted(let freshID) = action else {
            fields.applyEdit(action, key: &key)
            return []
        }
        guard !fields.isSubmitting else { return [] }
        do {
            let priceDraft = try draft(fields)
            let idempotencyKey = fields.beginSubmit(key: &key, freshID: freshID)
            return [.createPrice(priceDraft, idempotencyKey: idempotencyKey)]
        } catch {
            fields.refuse(error.message, at: error.field)
            return []
        }
    }

    /// Reads currency, amount and nickname fields.
    static func parsePrice<Field>(_ fields: FormState<Field>, currency: Field, amount: Field,
                                  nickname: Field) throws(FieldError<Field>) -> (Money, String?) {
        let parsedCurrency: Currency
        do { parsedCurrency = try Currency(fields[currency].text) } catch {
            throw FieldError(.currencyRefused(error), currency)
        }
        let money: Money
        do { money = try Money(parsing: fields[amount].text, currency: parsedCurrency) } catch {
            throw FieldError(.amountRefused(error), amount)
        }
        let nick = fields.trimmed(nickname)
        return (money, nick.isEmpty ? nil : nick)
    }

    /// Reads the SKU/barcode field: empty is none; at most 200 characters, no spaces (a scanner
    /// sends the code whole, and a space would never match what it sends).
    static func parseLookupKey<Field>(_ fields: FormState<Field>, _ field: Field) throws(FieldError<Field>) -> String? {
        let text = fields.trimmed(field)
        guard !text.isEmpty else { return nil }
        if let problem = PriceDraft.lookupKeyProblem(text) { throw FieldError(.lookupKeyProblem(problem), field) }
        return text
    }

    private static var noProduct: Reduced<Delegate> { .error(.openProductFirst) }
}

/// A validation failure and the field it concerns.
struct FieldError<Field: FormField>: Error {
    var message: Message
    var field: Field?
    init(_ message: Message, _ field: Field?) {
        self.message = message
        self.field = field
    }
}
