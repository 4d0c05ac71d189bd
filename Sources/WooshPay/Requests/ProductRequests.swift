import Foundation
import TillCore

/// `POST /v1/products` body.
struct ProductCreateBody: Encodable, Sendable {
    var name: String
    var description: String?
    var url: String?
    var active: Bool?
    var metadata: [String: String]?

    init(_ draft: ProductDraft) {
        name = draft.name
        description = draft.description
        url = draft.url
        active = draft.active
        metadata = draft.metadata.isEmpty ? nil : draft.metadata
    }
}

/// `POST /v1/products/{id}` body: only the fields being changed.
struct ProductUpdateBody: Encodable, Sendable {
    var name: String?
    var description: String?
    var active: Bool?
    var metadata: [String: String]?

    init(_ update: ProductUpdate) {
        name = update.name
        description = update.description
        active = update.active
        metadata = update.metadata
    }
}
