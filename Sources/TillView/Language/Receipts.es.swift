import TillCore

extension ReceiptPhrase {
    public static let spanish: [ReceiptPhrase: String] = [
        .notPaidOpen: "SIN PAGAR (abierta)",
        .notPaidExpired: "SIN PAGAR (caducada)",
        .eachAt: "  a {amount} cada uno",
        .total: "TOTAL",
        .refund: "Reembolso",
        .refundWithStatus: "Reembolso ({status})",
        .refundUnconfirmed: "Reembolso (sin confirmar)",
        .refunded: "REEMBOLSADO",
        .net: "NETO",
        .session: "Sesión {id}",
        .payment: "Pago {id}",
        .statusPending: "pendiente",
        .statusSucceeded: "hecho",
        .statusFailed: "fallido",
        .statusCanceled: "cancelado",
        .statusRequiresAction: "requiere acción",
        .slipScanToPay: "Escanea para pagar",
        .slipOrOpen: "O abre:",
        .slipValidUntil: "Válido hasta {time}",
    ]
}
