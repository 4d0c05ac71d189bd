import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TillCore

/// A response as the server sent it, for checks that look at the wire itself (`till doctor`):
/// status, headers and body bytes, nothing decoded.
public struct RawResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// Attempts that failed and were retried before this answer.
    public var retries: Int

    /// The answer as Till reads a refusal (the error body's type, code, param and message).
    public var failure: APIFailure {
        WooshPayClient.apiFailure(status: status, reason: "HTTP \(status)", body: body, requestId: header("Request-Id"))
    }

    /// The first header of that name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

extension WooshPayClient {
    /// Sends one request and returns the answer undecoded, whatever its status, retrying what
    /// `send` retries (connection errors, 429, 5xx; a POST keeps its `Idempotency-Key`). `key`
    /// replaces the configured secret key (to see how a wrong key is refused). Throws only when
    /// no answer came after the retries.
    public func exchange(_ method: String, _ path: String, query: [(String, String)] = [], json: Data? = nil,
                         idempotencyKey: String? = nil, key: String? = nil) async throws(APIFailure) -> RawResponse {
        let policy = configuration.retry
        let httpMethod = HTTPMethod(rawValue: method)
        let idempotencyKey = httpMethod == .POST ? (idempotencyKey ?? UUID().uuidString) : nil
        var retry = 0
        while true {
            var request = HTTPClientRequest(url: configuration.baseURL + path + Self.queryString(query))
            request.method = httpMethod
            let secret = key ?? configuration.secretKey.rawValue
            request.headers.add(name: "Authorization", value: "Basic " + Data((secret + ":").utf8).base64EncodedString())
            request.headers.add(name: "Accept", value: "application/json")
            request.headers.add(name: "User-Agent", value: configuration.userAgent)
            if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
            if let json {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: json))
            }
            let failure: APIFailure
            var retryAfter: Duration? = nil
            do {
                let response = try await http.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
                let buffer = try await response.body.collect(upTo: 32 * 1024 * 1024)
                let status = Int(response.status.code)
                let answer = RawResponse(status: status, headers: response.headers.map { (name: $0.name, value: $0.value) },
                                         body: Data(buffer.readableBytesView), retries: retry)
                let retryable = status == 429 || status >= 500
                    || (status == 409 && !String(decoding: answer.body, as: UTF8.self).contains("idempotency_error"))
                guard retryable, retry < policy.maxRetries else { return answer }
                failure = Self.apiFailure(status: status, reason: response.status.reasonPhrase, body: answer.body,
                                          requestId: answer.header("Request-Id"))
                retryAfter = Self.retryAfter(answer.header("Retry-After"), cap: policy.maxRetryAfter)
            } catch {
                failure = Self.transportFailure(error)
                guard retry < policy.maxRetries, Self.isRetryable(failure) else {
                    var final = failure
                    if final.kind == .connectionFailed {
                        final.message = "nothing answered at \(configuration.baseURL) (\(final.message))"
                    }
                    throw final
                }
            }
            configuration.logger.info("retrying", metadata: [
                "method": "\(method)", "path": "\(path)", "retry": "\(retry + 1)", "reason": "\(failure.kind)",
            ])
            do { try await policy.sleep(policy.delay(beforeRetry: retry, retryAfter: retryAfter)) } catch {
                throw APIFailure(kind: .transport, message: "the request was cancelled")
            }
            retry += 1
        }
    }
}
