import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import WooshPaySandbox

/// One HTTP client for every test: loopback only, redirects not followed (the cashier tests look at 303s).
let testHTTP = HTTPClient(
    eventLoopGroupProvider: .singleton,
    configuration: .init(redirectConfiguration: .disallow))

/// A fresh, well-formed test key, built at run time.
func freshKey() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    return "sk_test_" + String((0..<24).map { _ in alphabet.randomElement()! })
}

func basicAuth(_ key: String) -> String {
    "Basic " + Data("\(key):".utf8).base64EncodedString()
}

/// A response as the tests see it.
struct HTTPReply {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    subscript(key: String) -> Any? { json[key] }
    var id: String { json["id"] as? String ?? "" }
    var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
    var errorType: String? { error["type"] as? String }
    var errorCode: String? { error["code"] as? String }
    var errorParam: String? { error["param"] as? String }
    var data: [[String: Any]] { json["data"] as? [[String: Any]] ?? [] }
    var hasMore: Bool? { json["has_more"] as? Bool }
}

/// Talks to one sandbox as one account.
struct API {
    var base: String
    var key: String? = freshKey()

    func send(_ method: HTTPMethod, _ path: String, json: Any? = nil, raw: Data? = nil,
              headers: [(String, String)] = [], authorization: String? = nil) async throws -> HTTPReply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let authorization {
            request.headers.add(name: "Authorization", value: authorization)
        } else if let key {
            request.headers.add(name: "Authorization", value: basicAuth(key))
        }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        } else if let raw {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: raw))
        }
        let response = try await testHTTP.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return HTTPReply(status: Int(response.status.code), headers: response.headers, body: Data(body.readableBytesView))
    }

    func post(_ path: String, _ json: Any = [String: Any](), headers: [(String, String)] = []) async throws -> HTTPReply {
        try await send(.POST, path, json: json, headers: headers)
    }

    func get(_ path: String) async throws -> HTTPReply {
        try await send(.GET, path)
    }

    func product(_ name: String = "Tea", extra: [String: Any] = [:]) async throws -> HTTPReply {
        var body: [String: Any] = ["name": name]
        body.merge(extra) { $1 }
        return try await post("/v1/products", body)
    }

    func price(product: String, amount: Int = 500, currency: String = "GBP") async throws -> HTTPReply {
        try await post("/v1/prices", ["product": product, "currency": currency, "unit_amount": amount])
    }

    func session(lineItems: [[String: Any]], extra: [String: Any] = [:]) async throws -> HTTPReply {
        var body: [String: Any] = [
            "mode": "payment", "success_url": "https://example.com/ok", "cancel_url": "https://example.com/cancel",
            "line_items": lineItems,
        ]
        body.merge(extra) { $1 }
        return try await post("/v1/checkout/sessions", body)
    }

    func inlineItem(_ name: String = "Tea", amount: Int = 500, currency: String = "GBP", quantity: Int = 1) -> [String: Any] {
        ["quantity": quantity, "price_data": ["currency": currency, "unit_amount": amount, "product_data": ["name": name]]]
    }
}

/// Runs `body` against a fresh in-memory sandbox and always stops it.
func withSandbox<T>(_ configuration: SandboxConfiguration = SandboxConfiguration(),
                    _ body: (Sandbox) async throws -> T) async throws -> T {
    let sandbox = try await Sandbox.start(configuration)
    do {
        let result = try await body(sandbox)
        await sandbox.stop()
        return result
    } catch {
        await sandbox.stop()
        throw error
    }
}
