import Foundation
import Testing
@testable import TillCore

@Suite("Cart and checkout draft")
struct CartTests {
    let large = CartLine(price: coffeeLarge, productName: "Coffee")

    @Test func addingTheSamePriceBumpsItsQuantity() throws {
        var cart = Cart()
        try cart.add(large)
        try cart.add(large)
        try cart.add(CartLine(price: coffeeSmall, productName: "Coffee", quantity: 3))
        try cart.add(CartLine(price: coffeeLarge, productName: "Coffee", quantity: 5))
        #expect(cart.lines == [CartLine(price: coffeeLarge, productName: "Coffee", quantity: 7),
                               CartLine(price: coffeeSmall, productName: "Coffee", quantity: 3)])
        #expect(cart.itemCount == 10)
        #expect(try cart.total() == gbp(7 * 350 + 3 * 250))
        #expect(try cart.lines[0].subtotal() == gbp(2450))
    }

    @Test func oneOffItemsNeverMerge() throws {
        var cart = Cart()
        let bag = CartLine(item: .oneOff(name: "Bag"), unitAmount: gbp(10))
        try cart.add(bag)
        try cart.add(bag)
        #expect(cart.lines == [bag, bag])
        #expect(cart.lines[0].name == "Bag" && cart.lines[0].priceId == nil)
    }

    @Test func oneCurrencyPerCart() throws {
        var cart = Cart()
        #expect(cart.currency == nil)
        #expect(try cart.total() == nil)
        try cart.add(large)
        #expect(cart.currency == .gbp)
        #expect(throws: CartError.currencyMismatch(cart: .gbp, item: .usd)) {
            try cart.add(CartLine(price: coffeeUSD, productName: "Coffee"))
        }
        #expect(cart.lines == [large])
        cart.removeAll()
        try cart.add(CartLine(price: coffeeUSD, productName: "Coffee"))
        #expect(cart.currency == .usd)
    }

    @Test func quantityLimits() throws {
        var cart = Cart()
        #expect(throws: CartError.quantityOutOfRange(0)) { try cart.add(CartLine(price: coffeeLarge, productName: "C", quantity: 0)) }
        #expect(throws: CartError.quantityOutOfRange(1000)) { try cart.add(CartLine(price: coffeeLarge, productName: "C", quantity: 1000)) }
        try cart.add(CartLine(price: coffeeLarge, productName: "C", quantity: 999))
        #expect(throws: CartError.quantityOutOfRange(1000)) { try cart.add(CartLine(price: coffeeLarge, productName: "C")) }
        #expect(cart.lines[0].quantity == 999)
        #expect(throws: CartError.quantityOutOfRange(-1)) { try cart.setQuantity(-1, at: 0) }
        try cart.setQuantity(1, at: 0)
        #expect(cart.lines[0].quantity == 1)
        #expect(throws: CartError.noSuchLine(3)) { try cart.setQuantity(2, at: 3) }
    }

    @Test func atMostOneHundredLines() throws {
        var cart = Cart()
        for i in 0..<100 { try cart.add(CartLine(item: .oneOff(name: "item \(i)"), unitAmount: gbp(1))) }
        #expect(throws: CartError.tooManyLines) { try cart.add(CartLine(item: .oneOff(name: "one more"), unitAmount: gbp(1))) }
        // Merging into an existing price line needs no new line.
        cart.remove(at: 99)
        try cart.add(large)
        try cart.add(large)
        #expect(cart.lines.count == 100 && cart.lines[99].quantity == 2)
        cart.remove(at: 500)    // out of range: nothing happens
        #expect(cart.lines.count == 100)
    }

    @Test func totalsNeverWrap() throws {
        var cart = Cart()
        try cart.add(CartLine(item: .oneOff(name: "big"), unitAmount: gbp(Int64.max / 999), quantity: 999))
        #expect(throws: CartError.totalTooLarge) {
            try cart.add(CartLine(item: .oneOff(name: "more"), unitAmount: gbp(Int64.max / 999), quantity: 2))
        }
        #expect(cart.lines.count == 1)
        var other = Cart()
        try other.add(CartLine(item: .oneOff(name: "a"), unitAmount: gbp(Int64.max / 2), quantity: 1))
        try other.add(CartLine(item: .oneOff(name: "b"), unitAmount: gbp(Int64.max / 2), quantity: 1))
        #expect(throws: CartError.totalTooLarge) { try other.setQuantity(2, at: 1) }
        #expect(other.lines[1].quantity == 1)
    }

    @Test func codableRoundTripIsExact() throws {
        var cart = Cart()
        try cart.add(CartLine(price: coffeeLarge, productName: "Coffee ☕️", quantity: 3))
        try cart.add(CartLine(item: .oneOff(name: "Gift wrap \"deluxe\""), unitAmount: gbp(199), quantity: 2))
        let draft = CheckoutDraft(cart: cart, successURL: "https://shop.example/ok", cancelURL: "https://shop.example/no",
                                  idempotencyKey: "6F1C6A3E-2E55-4D0B-9D0C-6B8F7B9A1C2D")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(draft)
        let decoded = try JSONDecoder().decode(CheckoutDraft.self, from: data)
        #expect(decoded == draft)
        #expect(try encoder.encode(decoded) == data)
        let kwd = try Cart(lines: [CartLine(item: .oneOff(name: "k"), unitAmount: Money(minorUnits: 1250, currency: .kwd))])
        let back = try JSONDecoder().decode(Cart.self, from: try encoder.encode(kwd))
        #expect(back == kwd && back.lines[0].unitAmount.formatted == "KWD 1.250")
    }

    @Test("A price line is named with the price's nickname; a cart saved before lines kept it reads as it was")
    func variants() throws {
        let large = Price(id: "price_l", productId: "prod_1", currency: .gbp, unitAmount: 450, nickname: " Large ", created: Date(timeIntervalSince1970: 0))
        var plain = large
        plain.nickname = ""
        #expect(CartLine(price: large, productName: "Latte").name == "Latte · Large")
        #expect(CartLine(price: plain, productName: "Latte").name == "Latte")
        let saved = #"{"lines":[{"item":{"price":{"id":"price_l","productName":"Latte"}},"unitAmount":{"minorUnits":450,"currency":"GBP"},"quantity":2}]}"#
        let cart = try JSONDecoder().decode(Cart.self, from: Data(saved.utf8))
        #expect(cart.lines == [CartLine(item: .price(id: "price_l", productName: "Latte"), unitAmount: Money(minorUnits: 450, currency: .gbp), quantity: 2)])
        #expect(cart.lines[0].name == "Latte")
        let withVariant = try Cart(lines: [CartLine(price: large, productName: "Latte")])
        #expect(try JSONDecoder().decode(Cart.self, from: try JSONEncoder().encode(withVariant)) == withVariant)
    }

    @Test("A saved cart that breaks the rules is refused when read", arguments: [
        #"{"lines":[{"item":{"oneOff":{"name":"a"}},"unitAmount":{"minorUnits":1,"currency":"GBP"},"quantity":0}]}"#,
        #"{"lines":[{"item":{"oneOff":{"name":"a"}},"unitAmount":{"minorUnits":1,"currency":"GBP"},"quantity":1},{"item":{"oneOff":{"name":"b"}},"unitAmount":{"minorUnits":1,"currency":"USD"},"quantity":1}]}"#,
        #"{"lines":[{"item":{"price":{"id":"p","productName":"a"}},"unitAmount":{"minorUnits":1,"currency":"GBP"},"quantity":1},{"item":{"price":{"id":"p","productName":"a"}},"unitAmount":{"minorUnits":1,"currency":"GBP"},"quantity":1}]}"#,
    ])
    func invalidSavedCarts(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Cart.self, from: Data(json.utf8)) }
    }

    @Test("A corrupt saved cart says why in words (the shop store's problem and the log read it), not as a case name")
    func corruptSavedCartSaysWhy() throws {
        let json = #"{"lines":[{"item":{"oneOff":{"name":"a"}},"unitAmount":{"minorUnits":1,"currency":"GBP"},"quantity":1000}]}"#
        do {
            _ = try JSONDecoder().decode(Cart.self, from: Data(json.utf8))
            Issue.record("a quantity of 1000 was read")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.debugDescription == "Quantity must be from 1 to 999 (1000 asked).")
        }
        #expect(CartError.currencyMismatch(cart: .gbp, item: .usd).description
                == "The cart is in GBP; an item in USD cannot join it. Check out or empty the cart first.")
    }

    @Test("Checkout URLs: absolute http or https with a host", arguments: [
        ("https://shop.example/thanks", nil),
        ("http://127.0.0.1:4242/sandbox/success", nil),
        ("HTTPS://Shop.Example/ok?order=1#top", nil),
        ("", CheckoutDraftError.missingURL(.success)),
        ("   ", .missingURL(.success)),
        ("https://shop.example/a b", .urlHasSpaces(.success)),
        (" https://shop.example/", .urlHasSpaces(.success)),
        ("shop.example/thanks", .notAbsoluteURL(.success, "shop.example/thanks")),
        ("www.wooshpay.com", .notAbsoluteURL(.success, "www.wooshpay.com")),
        ("/thanks", .notAbsoluteURL(.success, "/thanks")),
        ("ftp://shop.example/", .unsupportedScheme(.success, "ftp")),
        ("javascript:alert(1)", .unsupportedScheme(.success, "javascript")),
        ("https:shop.example", .missingHost(.success, "https:shop.example")),
        ("https:///path", .missingHost(.success, "https:///path")),
    ])
    func urls(text: String, error: CheckoutDraftError?) {
        if let error {
            #expect(throws: error) { try CheckoutDraft.validateURL(text, field: .success) }
        } else {
            #expect(throws: Never.self) { try CheckoutDraft.validateURL(text, field: .success) }
        }
    }

    @Test func draftValidationOrder() throws {
        let cart = try Cart(lines: [large])
        #expect(throws: CheckoutDraftError.emptyCart) {
            try CheckoutDraft(cart: Cart(), successURL: "x", cancelURL: "y").validate()
        }
        #expect(throws: CheckoutDraftError.notAbsoluteURL(.cancel, "nope")) {
            try CheckoutDraft(cart: cart, successURL: "https://a.example", cancelURL: "nope").validate()
        }
        try CheckoutDraft(cart: cart, successURL: "https://a.example", cancelURL: "https://a.example/c").validate()
        #expect(CheckoutDraftError.notAbsoluteURL(.success, "shop.example").field == .success)
        #expect(CheckoutDraftError.emptyCart.field == nil)
    }
}
