import Foundation
import NIOHTTP1
import TillCore

extension WooshPayClient {
    /// The methods a raw request may use.
    public enum RawMethod: Sendable { case get, post, delete }

    /// One request whose JSON reply the caller reads itself: the sandbox's webhook endpoints,
    /// events and test helpers (`till sandbox …`), which Till's wire types do not model. The same
    /// retries, idempotency key and errors as every other call; the reply is recorded for `--json`.
    public func rawJSON(_ method: RawMethod, _ path: String, query: [(String, String)] = [],
                        body: (any Encodable & Sendable)? = nil,
                        idempotencyKey: String? = nil) async throws(APIFailure) -> Data {
        let outer = Self.recorder
        let recorder = ResponseRecorder()
        let httpMethod: HTTPMethod = switch method {
        case .get: .GET
        case .post: .POST
        case .delete: .DELETE
        }
        var payload = body
        if payload == nil, method != .get { payload = EmptyBody() }
        let sent = payload
        do {
            let _: AnyReply = try await Self.$recorder.withValue(recorder) {
                try await self.send(httpMethod, path, query: query, body: sent, idempotencyKey: idempotencyKey)
            }
        } catch let failure as APIFailure {
            throw failure
        } catch {
            throw APIFailure(kind: .transport, message: "\(error)")
        }
        let data = recorder.bodies.last ?? Data("{}".utf8)
        outer?.record(data)
        return data
    }
}

/// Any JSON reply (its bytes are read from the recorder).
private struct AnyReply: Decodable {
    init(from decoder: any Decoder) throws {}
}

/// `{}`, so a POST without parameters still says it is JSON.
private struct EmptyBody: Encodable, Sendable {}
