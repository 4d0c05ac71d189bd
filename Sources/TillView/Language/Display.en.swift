import TillCore

extension DisplayPhrase {
    public static let english: [DisplayPhrase: String] = [
        .paidWord: "PAID",
        .expiredWord: "EXPIRED",
        .paidAt: "Paid at {time}",
        .expiredAt: "Expired at {time} · not paid",
        .thankYou: "Thank you!",
        .askAtCounter: "Please ask at the counter.",
        .qrNeeds: "The QR code needs a terminal of at least {need}. This one is {have}.",
        .qrTooLong: "This payment URL is too long for a QR code.",
        .waitingForTill: "Waiting for till {till}…",
        .welcome: "Welcome",
        .scanToPay: "Scan to pay",
        .moreAbove: "… {count} more above",
        .totalItems1: "Total ({count} item)",
        .totalItemsN: "Total ({count} items)",
        .qrBack: "{key} back",
        .outcomeCaption: "{next} next sale · {back} back",
        .reconnecting: "(reconnecting)",
    ]
}
