import TillCore

extension FieldPhrase {
    public static let english: [FieldPhrase: String] = [
        .name: "Name",
        .description: "Description",
        .currency: "Currency",
        .amount: "Amount",
        .nickname: "Nickname",
        .lookupKey: "SKU/barcode",
        .productName: "Product name",
        .productDescription: "Description",
        .quantity: "Quantity",
        .successURL: "Success URL",
        .cancelURL: "Cancel URL",
        .label: "Label",
        .lines: "Lines",
        .reason: "Reason",
    ]
}
