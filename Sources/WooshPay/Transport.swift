import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import TillCore

extension WooshPayClient {
    /// Sends one logical request, retrying connection errors, 409 (not `idempotency_error`), 429 and
    /// 5xx up to `retry.maxRetries` times. A POST carries the same `Idempotency-Key` on every attempt.
    func send<Wire: Decodable>(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [],
                               body: (any Encodable & Sendable)? = nil,
                               idempotencyKey: String? = nil) async throws(APIFailure) -> Wire {
        let policy = configuration.retry
        let key = method == .POST ? (idempotencyKey ?? UUID().uuidString) : nil
        let target = path + Self.queryString(query)
        var bodyBytes: [UInt8]? = nil
        if let body {
            do {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                bodyBytes = Array(try encoder.encode(body))
            } catch {
                throw APIFailure(kind: .configuration, message: "The request body could not be encoded: \(error)")
            }
        }
        var retry = 0
        // Whether some attempt of this write may have been carried out without an answer saying so.
        var uncertain = false
        while true {
            let outcome = await attempt(method, target, body: bodyBytes, idempotencyKey: key, attempt: retry + 1)
            let failure: APIFailure
            var retryAfter: Duration? = nil
            switch outcome {
            case .success(let data, let requestId):
                return try decode(data, requestId: requestId)
            case .refused(let apiFailure, let after):
                failure = apiFailure
                retryAfter = after
            case .transport(let transportFailure):
                failure = transportFailure
            }
            if failure.outcomeUnknown || (failure.status ?? 0) >= 500 { uncertain = true }
            guard retry < policy.maxRetries, Self.isRetryable(failure), !Task.isCancelled else {
                throw Self.withKey(failure, key, uncertain: uncertain)
            }
            let wait = policy.delay(beforeRetry: retry, retryAfter: retryAfter)
            configuration.logger.info("retrying", metadata: [
                "method": "\(method.rawValue)", "path": "\(target)", "retry": "\(retry + 1)",
                "wait_ms": "\(Self.milliseconds(wait))", "reason": "\(failure.kind)",
            ])
            do {
                try await policy.sleep(wait)
            } catch {
                throw Self.withKey(APIFailure(kind: .transport, message: "the request was cancelled",
                                              requestId: failure.requestId), key, uncertain: uncertain)
            }
            retry += 1
        }
    }

    /// A write's failure carries its idempotency key, and whether an earlier attempt may have
    /// been carried out (a retry that then got 429 does not make the first one undone).
    static func withKey(_ failure: APIFailure, _ key: String?, uncertain: Bool) -> APIFailure {
        guard let key else { return failure }
        var failure = failure
        failure.idempotencyKey = key
        failure.earlierAttemptUncertain = uncertain
        return failure
    }

    enum Outcome {
        case success(Data, requestId: String?)
        case refused(APIFailure, retryAfter: Duration?)
        case transport(APIFailure)
    }

    /// One HTTP exchange, logged as method, path, status, duration and request id.
    private func attempt(_ method: HTTPMethod, _ target: String, body: [UInt8]?, idempotencyKey: String?,
                         attempt: Int) async -> Outcome {
        var request = HTTPClientRequest(url: configuration.baseURL + target)
        request.method = method
        request.headers.add(name: "Authorization", value: authorizationHeader)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let idempotencyKey { request.headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let clock = ContinuousClock()
        let start = clock.now
        var metadata: Logger.Metadata = [
            "method": "\(method.rawValue)", "path": "\(target)", "attempt": "\(attempt)",
            "key": "\(configuration.secretKey.redacted)",
        ]
        if let idempotencyKey { metadata["idempotency_key"] = "\(idempotencyKey)" }
        do {
            let response = try await http.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
            let buffer = try await response.body.collect(upTo: 32 * 1024 * 1024)
            let data = Data(buffer.readableBytesView)
            let requestId = response.headers.first(name: "Request-Id") ?? response.headers.first(name: "X-Request-Id")
            metadata["status"] = "\(response.status.code)"
            metadata["duration_ms"] = "\(Self.milliseconds(clock.now - start))"
            metadata["request_id"] = "\(requestId ?? "-")"
            configuration.logger.info("request", metadata: metadata)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .success(data, requestId: requestId) }
            return .refused(Self.apiFailure(status: status, reason: response.status.reasonPhrase, body: data,
                                            requestId: requestId),
                            retryAfter: Self.retryAfter(response.headers.first(name: "Retry-After"),
                                                       cap: configuration.retry.maxRetryAfter))
        } catch {
            var failure = Self.transportFailure(error)
            if failure.kind == .connectionFailed { failure.message = "nothing answered at \(configuration.baseURL) (\(failure.message))" }
            metadata["error"] = "\(failure.kind)"
            metadata["duration_ms"] = "\(Self.milliseconds(clock.now - start))"
            configuration.logger.info("request failed", metadata: metadata)
            return .transport(failure)
        }
    }

    private var authorizationHeader: String {
        "Basic " + Data((configuration.secretKey.rawValue + ":").utf8).base64EncodedString()
    }

    private func decode<Wire: Decodable>(_ data: Data, requestId: String?) throws(APIFailure) -> Wire {
        do {
            let value = try JSONDecoder().decode(Wire.self, from: data)
            Self.recorder?.record(data)
            return value
        } catch let error as DecodingError {
            throw Self.decodingFailure(error, requestId: requestId)
        } catch {
            throw APIFailure(kind: .decoding(path: ""), message: "\(error)", requestId: requestId)
        }
    }

    // MARK: Classification

    /// Which failures may succeed if sent again (with the same idempotency key).
    static func isRetryable(_ failure: APIFailure) -> Bool {
        switch failure.kind {
        case .connectionFailed, .transport, .timeout:
            return true
        case .api(let status, let type, let code, _):
            // A 409 idempotency_error means the key was reused for another request: never retried.
            // The one exception is "still in use" (an earlier attempt of this very call is still
            // running, e.g. after a client timeout): waiting and resending then gets its replay.
            if status == 409 { return type != "idempotency_error" || code == "idempotency_key_in_use" }
            return status == 429 || (500...599).contains(status)
        case .tls, .decoding, .configuration:
            return false
        }
    }

    static func apiFailure(status: Int, reason: String, body: Data, requestId: String?) -> APIFailure {
        let wire = try? JSONDecoder().decode(WireError.self, from: body)
        let message = wire?.message ?? "WooshPay answered HTTP \(status) \(reason)"
        return APIFailure(kind: .api(status: status, type: wire?.type, code: wire?.code, param: wire?.param),
                          message: message, requestId: requestId ?? wire?.requestId)
    }

    static func decodingFailure(_ error: DecodingError, requestId: String?) -> APIFailure {
        let path: String
        let message: String
        switch error {
        case .keyNotFound(let key, let context):
            path = jsonPath(context.codingPath + [key])
            message = "the field is missing"
        case .typeMismatch(let type, let context):
            path = jsonPath(context.codingPath)
            message = "expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            path = jsonPath(context.codingPath)
            message = "expected \(type), found null"
        case .dataCorrupted(let context):
            path = jsonPath(context.codingPath)
            message = context.debugDescription
        @unknown default:
            path = ""
            message = "\(error)"
        }
        return APIFailure(kind: .decoding(path: path), message: message, requestId: requestId)
    }

    /// Maps an error thrown by the HTTP stack to a failure kind, in words.
    static func transportFailure(_ error: any Error) -> APIFailure {
        if error is CancellationError {
            return APIFailure(kind: .transport, message: "the request was cancelled")
        }
        if let http = error as? HTTPClientError {
            switch http {
            case .connectTimeout:
                return APIFailure(kind: .connectionFailed, message: "the connection timed out")
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return APIFailure(kind: .timeout, message: "no answer within the request timeout")
            case .remoteConnectionClosed:
                return APIFailure(kind: .transport, message: "the server closed the connection before answering")
            case .cancelled:
                return APIFailure(kind: .transport, message: "the request was cancelled")
            default:
                return APIFailure(kind: .transport, message: "\(http)")
            }
        }
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") {
            return APIFailure(kind: .tls, message: "\(error)")
        }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL:
                return APIFailure(kind: .connectionFailed, message: io.errnoCode == ECONNREFUSED ? "connection refused" : String(cString: strerror(io.errnoCode)))
            default:
                return APIFailure(kind: .transport, message: io.description)
            }
        }
        if typeName.contains("NIOConnectionError") || error is ChannelError && "\(error)".contains("connect") {
            return APIFailure(kind: .connectionFailed, message: "\(error)")
        }
        return APIFailure(kind: .transport, message: "\(error)")
    }

    /// `Retry-After` as seconds or an HTTP date, capped at `cap`. A value that is not a finite,
    /// non-negative number of seconds (`inf`, `nan`, `-1`) is ignored, so it can never trap.
    static func retryAfter(_ header: String?, cap: Duration = RetryPolicy().maxRetryAfter,
                           now: Date = Date()) -> Duration? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        let seconds: Double
        if let number = Double(header) {
            seconds = number
        } else {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
            guard let date = formatter.date(from: header) else { return nil }
            seconds = max(0, date.timeIntervalSince(now))
        }
        guard seconds.isFinite, seconds >= 0 else { return nil }
        let (capSeconds, capAttoseconds) = cap.components
        let limit = max(0, Double(capSeconds) + Double(capAttoseconds) / 1e18)
        // Clamped first: Int64(1e30 * 1000) would trap.
        return .milliseconds(Int64((min(seconds, limit) * 1000).rounded(.up)))
    }

    static func queryString(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        // Names are encoded too: `created[gte]` goes out as `created%5Bgte%5D`.
        return "?" + query.map { name, value in
            "\(PercentEncoding.unreserved(name))=\(PercentEncoding.unreserved(value))"
        }.joined(separator: "&")
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
