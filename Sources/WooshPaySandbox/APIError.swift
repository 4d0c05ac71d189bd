import Foundation

/// A WooshPay-style error: sent as `{"error":{"type","code","message","param"}}` with its status.
struct APIError: Error, Sendable {
    var status: Int
    var type: String
    var code: String?
    var message: String
    var param: String?

    var body: Data {
        var error = JSONObject()
        error["type"] = .string(type)
        error["code"] = JSON(code)
        error["message"] = .string(message)
        error["param"] = JSON(param)
        var envelope = JSONObject()
        envelope["error"] = error.json
        return envelope.json.serialized
    }

    /// A request the sandbox refuses (`invalid_request_error`, the type of every 4xx it sends).
    static func request(_ status: Int, _ code: String, _ message: String, param: String? = nil) -> APIError {
        APIError(status: status, type: "invalid_request_error", code: code, message: message, param: param)
    }

    /// A failure on the sandbox's side (500, `api_error`).
    static func server(_ code: String?, _ message: String) -> APIError {
        APIError(status: 500, type: "api_error", code: code, message: message, param: nil)
    }

    /// A missing or invalid parameter (400).
    static func invalid(_ param: String?, _ message: String, code: String = "parameter_invalid") -> APIError {
        .request(400, code, message, param: param)
    }

    /// A required parameter that was not sent (400).
    static func missing(_ param: String) -> APIError {
        .invalid(param, "Missing required param: \(param).", code: "parameter_missing")
    }

    /// An id this account does not have (404).
    static func noSuch(_ kind: String, _ id: String, param: String = "id") -> APIError {
        .request(404, "resource_missing", "No such \(kind): '\(id)'", param: param)
    }

    static func unauthorized(_ message: String) -> APIError {
        .request(401, "invalid_api_key", message)
    }

    static let unknownRoute = request(
        404, "unknown_route",
        "Unrecognized request URL or method. The sandbox serves /v1/products, /v1/prices, /v1/checkout/sessions, /v1/payment_intents, /v1/refunds, /v1/webhook_endpoints, /v1/events and /v1/test_helpers.")

    static let tooLarge = request(413, "request_too_large", "The request body is larger than 1 MiB.")

    static let malformedJSON = request(400, "parameter_invalid", "The request body is not a valid JSON object.")

    static let internalFault = server(
        "sandbox_fault",
        "An injected server error occurred before the request was handled (sandbox fault injection).")

    static let rateLimited = request(429, "rate_limit", "Too many requests (sandbox fault injection). Retry after 1 second.")

    static let internalError = server(nil, "The sandbox hit an internal error; nothing was changed.")
}
