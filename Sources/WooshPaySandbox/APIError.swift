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

    /// A missing or invalid parameter (400).
    static func invalid(_ param: String?, _ message: String, code: String = "parameter_invalid") -> APIError {
        APIError(status: 400, type: "invalid_request_error", code: code, message: message, param: param)
    }

    /// A required parameter that was not sent (400).
    static func missing(_ param: String) -> APIError {
        .invalid(param, "Missing required param: \(param).", code: "parameter_missing")
    }

    /// An id this account does not have (404).
    static func noSuch(_ kind: String, _ id: String, param: String = "id") -> APIError {
        APIError(status: 404, type: "invalid_request_error", code: "resource_missing",
                 message: "No such \(kind): '\(id)'", param: param)
    }

    static func unauthorized(_ message: String) -> APIError {
        APIError(status: 401, type: "invalid_request_error", code: "invalid_api_key", message: message, param: nil)
    }

    static let unknownRoute = APIError(
        status: 404, type: "invalid_request_error", code: "unknown_route",
        message: "Unrecognized request URL or method. The sandbox serves /v1/products, /v1/prices, /v1/checkout/sessions, /v1/payment_intents, /v1/refunds, /v1/webhook_endpoints, /v1/events and /v1/test_helpers.",
        param: nil)

    static let tooLarge = APIError(
        status: 413, type: "invalid_request_error", code: "request_too_large",
        message: "The request body is larger than 1 MiB.", param: nil)

    static let malformedJSON = APIError(
        status: 400, type: "invalid_request_error", code: "parameter_invalid",
        message: "The request body is not a valid JSON object.", param: nil)

    static let internalFault = APIError(
        status: 500, type: "api_error", code: "sandbox_fault",
        message: "An injected server error occurred before the request was handled (sandbox fault injection).",
        param: nil)

    static let rateLimited = APIError(
        status: 429, type: "invalid_request_error", code: "rate_limit",
        message: "Too many requests (sandbox fault injection). Retry after 1 second.", param: nil)

    static let internalError = APIError(
        status: 500, type: "api_error", code: nil,
        message: "The sandbox hit an internal error; nothing was changed.", param: nil)
}
