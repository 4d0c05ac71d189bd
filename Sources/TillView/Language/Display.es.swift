import TillCore

extension DisplayPhrase {
    public static let spanish: [DisplayPhrase: String] = [
        .paidWord: "PAGADO",
        .expiredWord: "CADUCADO",
        .paidAt: "Pagado a las {time}",
        .expiredAt: "Caducado a las {time} · sin pagar",
        .thankYou: "¡Gracias!",
        .askAtCounter: "Por favor, pregunta en el mostrador.",
        .qrNeeds: "El código QR necesita un terminal de al menos {need}. Este es de {have}.",
        .qrTooLong: "Esta URL de pago es demasiado larga para un código QR.",
        .waitingForTill: "Esperando a la caja {till}…",
        .welcome: "Bienvenido",
        .scanToPay: "Escanea para pagar",
        .moreAbove: "… {count} más arriba",
        .totalItems1: "Total ({count} artículo)",
        .totalItemsN: "Total ({count} artículos)",
        .qrBack: "{key} volver",
        .outcomeCaption: "{next} venta siguiente · {back} volver",
        .reconnecting: "(reconectando)",
    ]
}
