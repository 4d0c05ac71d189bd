import Foundation

/// Everything needed to create a checkout session, kept (and saved) until a session exists.
public struct CheckoutDraft: Hashable, Codable, Sendable {
    public var cart: Cart
    public var successURL: String
    public var cancelURL: String
    /// Minted when the operator first confirms; reused on every retry until a session is created.
    public var idempotencyKey: String?
    /// Whether the create was sent and no answer has come yet. A draft saved so (Till was killed,
    /// or the SSH link dropped, mid-create) is sent again at the next start with the same key, so
    /// exactly one session exists afterwards.
    public var isSent: Bool
    /// The operator whose sale it is (nil with no operators): sent as `metadata.operator`.
    public var operatorName: String?

    public init(cart: Cart, successURL: String, cancelURL: String, idempotencyKey: String? = nil, isSent: Bool = false,
                operatorName: String? = nil) {
        self.cart = cart
        self.successURL = successURL
        self.cancelURL = cancelURL
        self.idempotencyKey = idempotencyKey
        self.isSent = isSent
        self.operatorName = operatorName
    }

    private enum CodingKeys: String, CodingKey {
        case cart, successURL, cancelURL, idempotencyKey, isSent
        case operatorName = "operator"
    }

    /// Drafts saved before `isSent` existed read as not sent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cart = try container.decode(Cart.self, forKey: .cart)
        successURL = try container.decode(String.self, forKey: .successURL)
        cancelURL = try container.decode(String.self, forKey: .cancelURL)
        idempotencyKey = try container.decodeIfPresent(String.self, forKey: .idempotencyKey)
        isSent = try container.decodeIfPresent(Bool.self, forKey: .isSent) ?? false
        operatorName = try container.decodeIfPresent(String.self, forKey: .operatorName)
    }

    /// Checks that the draft can be sent: a non-empty cart and two absolute http(s) URLs.
    public func validate() throws(CheckoutDraftError) {
        if cart.isEmpty { throw .emptyCart }
        try CheckoutDraft.validateURL(successURL, field: .success)
        try CheckoutDraft.validateURL(cancelURL, field: .cancel)
    }

    /// Which URL a problem is about.
    public enum URLField: String, Hashable, Sendable {
        case success, cancel
    }

    /// Accepts an absolute http or https URL with a host; anything else is an error naming the field.
    public static func validateURL(_ text: String, field: URLField) throws(CheckoutDraftError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .missingURL(field) }
        guard trimmed == text, !text.contains(where: { $0.isWhitespace }) else { throw .urlHasSpaces(field) }
        guard let colon = text.firstIndex(of: ":"),
              text[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
              text[..<colon].first?.isLetter == true else {
            throw .notAbsoluteURL(field, text)
        }
        let scheme = text[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { throw .unsupportedScheme(field, scheme) }
        guard let url = URL(string: text), let host = url.host, !host.isEmpty,
              text[text.index(after: colon)...].hasPrefix("//") else {
            throw .missingHost(field, text)
        }
    }
}

/// Why a checkout draft cannot be sent yet.
public enum CheckoutDraftError: Error, Hashable, Sendable {
    case emptyCart
    case missingURL(CheckoutDraft.URLField)
    case urlHasSpaces(CheckoutDraft.URLField)
    case notAbsoluteURL(CheckoutDraft.URLField, String)
    case unsupportedScheme(CheckoutDraft.URLField, String)
    case missingHost(CheckoutDraft.URLField, String)

    /// The URL field the problem is about, if any.
    public var field: CheckoutDraft.URLField? {
        switch self {
        case .emptyCart: nil
        case .missingURL(let f), .urlHasSpaces(let f), .notAbsoluteURL(let f, _),
             .unsupportedScheme(let f, _), .missingHost(let f, _): f
        }
    }
}
