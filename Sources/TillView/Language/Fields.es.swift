import TillCore

extension FieldPhrase {
    public static let spanish: [FieldPhrase: String] = [
        .name: "Nombre",
        .description: "Descripción",
        .currency: "Moneda",
        .amount: "Importe",
        .nickname: "Apodo",
        .lookupKey: "SKU/código",
        .productName: "Nombre del producto",
        .productDescription: "Descripción",
        .quantity: "Cantidad",
        .successURL: "URL de éxito",
        .cancelURL: "URL de cancelación",
        .label: "Etiqueta",
        .lines: "Líneas",
        .reason: "Motivo",
    ]
}
