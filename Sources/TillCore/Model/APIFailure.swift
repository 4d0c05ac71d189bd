import Foundation

/// Why a request to WooshPay did not succeed, as a value that reads well in one sentence.
/// Never holds the secret key.
public struct APIFailure: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Codable, Sendable {
        /// The API answered with an error object.
        case api(status: Int, type: String?, code: String?, param: String?)
        /// No answer in time.
        case timeout
        /// Nothing listening, or the connection could not be made.
        case connectionFailed
        /// TLS handshake or certificate problem.
        case tls
        /// The connection broke for another reason.
        case transport
        /// The answer could not be read; `path` names the offending field.
        case decoding(path: String)
        /// Till is not set up to make the request (no key, bad base URL, live write without --live).
        case configuration
    }

    public var kind: Kind
    public var message: String
    public var requestId: String?
    /// For a write (POST): the `Idempotency-Key` every attempt carried, so a retry can reuse it.
    public var idempotencyKey: String?
    /// For a write: an earlier attempt may have been carried out although no answer said so (its
    /// connection broke after sending, it timed out, or it got a 5xx), whatever the last attempt got.
    public var earlierAttemptUncertain: Bool

    public init(kind: Kind, message: String, requestId: String? = nil, idempotencyKey: String? = nil,
                earlierAttemptUncertain: Bool = false) {
        self.kind = kind
        self.message = message
        self.requestId = requestId
        self.idempotencyKey = idempotencyKey
        self.earlierAttemptUncertain = earlierAttemptUncertain
    }

    /// HTTP status, for API errors.
    public var status: Int? {
        if case .api(let status, _, _, _) = kind { return status }
        return nil
    }

    /// The one-sentence form shown to an operator.
    public var description: String {
        switch kind {
        case .api(let status, let type, let code, let param):
            var text = message.isEmpty ? "WooshPay refused the request (HTTP \(status))" : message
            var details: [String] = []
            if let param, !param.isEmpty { details.append("field \(param)") }
            if let type, !type.isEmpty { details.append(type) }
            if let code, !code.isEmpty, code != type { details.append(code) }
            details.append("HTTP \(status)")
            if let requestId, !requestId.isEmpty { details.append("request \(requestId)") }
            text += " (" + details.joined(separator: ", ") + ")"
            return text
        case .timeout:
            return "WooshPay did not answer in time: \(message)"
        case .connectionFailed:
            return "Could not reach WooshPay: \(message)"
        case .tls:
            return "Secure connection to WooshPay failed: \(message)"
        case .transport:
            return "The connection to WooshPay broke: \(message)"
        case .decoding(let path):
            return "WooshPay's answer could not be read at \(path.isEmpty ? "the top level" : path): \(message)"
        case .configuration:
            return message
        }
    }

    /// Whether the request may have been carried out even though no answer arrived, in this
    /// attempt or an earlier one.
    public var outcomeUnknown: Bool {
        switch kind {
        case .timeout, .transport: true
        default: earlierAttemptUncertain
        }
    }

    /// Whether a write is unfinished rather than refused: its outcome is unknown, or the server
    /// only asked to wait (429, or 409 `idempotency_key_in_use`). Sending it again with the same
    /// `idempotencyKey` is safe and finishes it.
    public var retryWithSameKey: Bool {
        guard idempotencyKey != nil else { return false }
        if outcomeUnknown { return true }
        if case .api(let status, _, let code, _) = kind {
            return status == 429 || (status == 409 && code == "idempotency_key_in_use")
        }
        return false
    }
}
