import Foundation

/// A product in the products (domain type; the adapter maps the wire JSON onto it).
public struct Product: Identifiable, Hashable, Codable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    public var active: Bool
    public var created: Date
    public var metadata: [String: String]

    public init(id: String, name: String, description: String? = nil, active: Bool = true,
                created: Date, metadata: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.description = description
        self.active = active
        self.created = created
        self.metadata = metadata
    }
}

/// What an operator fills in to create or edit a product.
public struct ProductDraft: Hashable, Codable, Sendable {
    /// WooshPay takes product names of 1 to 250 characters.
    public static let maximumNameLength = 250

    /// Why a (trimmed) product or item name would be refused; nil when it is fine.
    public static func nameProblem(_ name: String, kind: NameKind = .product) -> NameProblem? {
        if name.isEmpty { return .empty(kind) }
        if name.count > maximumNameLength { return .tooLong(length: name.count, maximum: maximumNameLength) }
        return nil
    }

    /// Why a (trimmed) product name would be refused, in words; nil when it is fine. The command
    /// line's and the catalog import's English (the TUI says `nameProblem` in its own words).
    /// The rules are `nameProblem`'s; this only words them.
    public static func problem(withName name: String, what: String = "a product name") -> String? {
        switch nameProblem(name) {
        case nil: nil
        case .empty: "Enter \(what)."
        case .tooLong(let length, let maximum): "Names can be at most \(maximum) characters (this one has \(length))."
        }
    }

    public var name: String
    public var description: String?
    public var url: String?
    public var metadata: [String: String]
    public var active: Bool?

    public init(name: String, description: String? = nil, url: String? = nil,
                metadata: [String: String] = [:], active: Bool? = nil) {
        self.name = name
        self.description = description
        self.url = url
        self.metadata = metadata
        self.active = active
    }
}

/// A partial product update: nil fields are left as they are.
public struct ProductUpdate: Hashable, Codable, Sendable {
    public var name: String?
    public var description: String?
    public var active: Bool?
    public var metadata: [String: String]?

    public init(name: String? = nil, description: String? = nil, active: Bool? = nil,
                metadata: [String: String]? = nil) {
        self.name = name
        self.description = description
        self.active = active
        self.metadata = metadata
    }
}
