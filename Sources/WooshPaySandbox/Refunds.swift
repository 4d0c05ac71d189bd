import Foundation
import GRDB

/// `/v1/refunds`: create and retrieve. Only a succeeded payment intent can be refunded, its refunds
/// never add up to more than its amount, and a refund without `amount` gives back what is left.
/// A new refund reads `pending` for `SandboxConfiguration.refundPendingSeconds` of the account's
/// clock, then `succeeded` (computed on read, like a session's expiry).
enum Refunds {
    static let reasons = ["duplicate", "fraudulent", "requested_by_customer"]

    static func create(_ db: Database, _ call: Call, pendingMilliseconds: Int64) throws -> JSON {
        let params = call.params
        let intentID = try params.requiredString("payment_intent", maxLength: 100)
        let requested = try params.integer("amount", in: 1...Params.maxAmount)
        let reason = try params.string("reason", maxLength: 40)
        if let reason, !reasons.contains(reason) {
            throw APIError.invalid("reason", "Invalid reason: must be one of \(reasons.joined(separator: ", ")).")
        }
        let metadata = Metadata.fresh(try params.metadata())

        let intent = try PaymentIntents.fetch(db, id: intentID, account: call.account.id, param: "payment_intent")
        let status = PaymentIntents.effectiveStatus(intent, now: call.now)
        guard status == "succeeded" else {
            throw APIError.invalid("payment_intent", "This payment intent is \(status): only a succeeded payment can be refunded.",
                                   code: "payment_intent_unexpected_state")
        }
        let total: Int64 = intent["amount"]
        let left = total - (try PaymentIntents.amountRefunded(db, intent: intentID))
        guard left > 0 else {
            throw APIError.invalid(nil, "The payment intent \(intentID) has already been refunded in full.",
                                   code: "charge_already_refunded")
        }
        let amount = requested ?? left
        guard amount <= left else {
            throw APIError.invalid("amount", "Refund amount (\(amount)) is greater than what is left to refund "
                                   + "on this payment intent (\(left) of \(total)).", code: "amount_too_large")
        }
        let id = try Identifiers.fresh("re_", table: "refunds", in: db)
        try db.cachedStatement(sql: """
            INSERT INTO refunds (id, account, payment_intent, amount, currency, reason, metadata, created, pending_until, settled)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [id, call.account.id, intentID, amount, intent["currency"] as String, reason,
                             Metadata.text(metadata), call.now, call.now + pendingMilliseconds, pendingMilliseconds == 0])
        let refund = try render(db, id: id, call: call, param: "id")
        try Events.emit(db, call, type: "refund.created", object: refund)
        try Events.emit(db, call, type: "charge.refund.updated", object: refund)
        return refund
    }

    /// A pending refund whose time has come: announced once as `refund.updated` and
    /// `charge.refund.updated` (its status now reads `succeeded`).
    static func markSettled(_ db: Database, id: String, call: Call) throws -> [Events.Emitted] {
        try db.cachedStatement(sql: "UPDATE refunds SET settled = 1 WHERE id = ? AND settled = 0").execute(arguments: [id])
        guard db.changesCount == 1 else { return [] }
        let refund = try render(db, id: id, call: call, param: "id")
        return [try Events.emit(db, call, type: "refund.updated", object: refund),
                try Events.emit(db, call, type: "charge.refund.updated", object: refund)]
    }

    static func retrieve(_ db: Database, _ call: Call) throws -> JSON {
        try render(db, id: call.id, call: call, param: "id")
    }

    static func render(_ db: Database, id: String, call: Call, param: String) throws -> JSON {
        let row = try Row.owned(db, "refunds", "refund", id: id, account: call.account.id, param: param)
        var object = JSONObject(id: row["id"], object: "refund")
        object.copy(row, "amount", "created", "currency")
        object["failure_reason"] = .null
        object["metadata"] = Metadata.json(Metadata.decode(row["metadata"]))
        object.copy(row, "payment_intent", "reason")
        object["status"] = .string(call.now < (row["pending_until"] as Int64) ? "pending" : "succeeded")
        return object.json
    }
}
