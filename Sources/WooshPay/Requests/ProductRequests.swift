import Foundation
import TillCore

/// `POST /v1/products` body, and `POST /v1/products/{id}`'s with only the fields being changed
/// (a nil field is left out).
struct ProductBody: Encodable, Sendable {
    var name: String?
    var description: String?
    var url: String?
    var active: Bool?
    var metadata: [String: String]?
}

extension ProductBody {
    init(_ draft: ProductDraft) {
        self.init(name: draft.name, description: draft.description, url: draft.url, active: draft.active,
                  metadata: draft.metadata.isEmpty ? nil : draft.metadata)
    }

    init(_ update: ProductUpdate) {
        self.init(name: update.name, description: update.description, active: update.active, metadata: update.metadata)
    }
}
