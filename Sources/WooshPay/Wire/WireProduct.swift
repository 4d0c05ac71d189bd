import Foundation
import TillCore

/// A product exactly as WooshPay sends it.
struct WireProduct: Decodable, Sendable {
    var id: String
    var name: String
    var description: String?
    var active: Bool
    var created: Date
    var updated: Date?
    var livemode: Bool?
    var metadata: [String: String]
    var url: String?
    var images: [String]

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        id = try c.requiredString("id")
        name = try c.string("name") ?? ""
        description = try c.string("description")
        active = try c.bool("active") ?? true
        created = try c.requiredTimestamp("created")
        updated = try c.timestamp("updated")
        livemode = try c.livemode()
        metadata = try c.metadata("metadata")
        url = try c.string("url")
        images = try c.object([String].self, "images") ?? []
    }

    var domain: Product {
        Product(id: id, name: name, description: description, active: active, created: created, metadata: metadata)
    }
}
