import Foundation
import TillCore

/// A wire type that stands for one domain value.
protocol WireObject: Decodable, Sendable {
    associatedtype Domain: Hashable & Sendable
    var domain: Domain { get }
}

extension WireProduct: WireObject {}
extension WirePrice: WireObject {}
extension WireCheckoutSession: WireObject {}
extension WireLineItem: WireObject {}
extension WirePaymentIntent: WireObject {}
extension WireRefund: WireObject {}

/// A list envelope: `{"object":"list","data":[…],"has_more":…}`; `has_more: null` reads as false.
/// A bare array is accepted too.
struct WireList<Item: Decodable & Sendable>: Decodable, Sendable {
    var data: [Item]
    var hasMore: Bool

    init(from decoder: Decoder) throws {
        if let array = try? decoder.singleValueContainer().decode([Item].self) {
            data = array
            hasMore = false
            return
        }
        let c = try decoder.container(keyedBy: WireKey.self)
        data = try c.object([Item].self, "data") ?? []
        hasMore = try c.bool("has_more") ?? false
    }

    func page<Domain>(_ map: (Item) -> Domain) -> Page<Domain> {
        Page(items: data.map(map), hasMore: hasMore)
    }
}
