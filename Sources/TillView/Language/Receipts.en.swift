import TillCore

extension ReceiptPhrase {
    public static let english: [ReceiptPhrase: String] = [
        .notPaidOpen: "NOT PAID (open)",
        .notPaidExpired: "NOT PAID (expired)",
        .eachAt: "  at {amount} each",
        .total: "TOTAL",
        .refund: "Refund",
        .refundWithStatus: "Refund ({status})",
        .refundUnconfirmed: "Refund (unconfirmed)",
        .refunded: "REFUNDED",
        .net: "NET",
        .session: "Session {id}",
        .payment: "Payment {id}",
        .statusPending: "pending",
        .statusSucceeded: "succeeded",
        .statusFailed: "failed",
        .statusCanceled: "canceled",
        .statusRequiresAction: "requires_action",
        .slipScanToPay: "Scan to pay",
        .slipOrOpen: "Or open:",
        .slipValidUntil: "Valid until {time}",
    ]
}
