import Foundation

/// An API error body, wrapped as `{"error":{…}}` or not.
struct WireError: Decodable, Sendable {
    var type: String?
    var code: String?
    var message: String?
    var param: String?
    var requestId: String?

    init(from decoder: Decoder) throws {
        let outer = try decoder.container(keyedBy: WireKey.self)
        let c = (try? outer.nestedContainer(keyedBy: WireKey.self, forKey: WireKey("error"))) ?? outer
        type = try? c.string("type")
        code = try? c.string("code")
        message = (try? c.string("message")) ?? nil
        if message == nil, let text = try? outer.string("error") { message = text }
        param = try? c.string("param")
        requestId = ((try? c.string("request_id")) ?? nil) ?? ((try? outer.string("request_id")) ?? nil)
    }

    var isEmpty: Bool { type == nil && code == nil && message == nil && param == nil }
}
