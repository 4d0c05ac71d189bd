import Foundation

/// How wide a receipt is printed: the two common thermal-printer widths.
public enum ReceiptWidth: Int, Hashable, Codable, Sendable, CaseIterable {
    case narrow = 42
    case wide = 48
}

/// Everything about a receipt that is not the sale: the shop, the paper, the clock's zone, and
/// how many columns a character takes.
public struct ReceiptFormat: Sendable {
    public var shopName: String
    /// The address, one printed line per element.
    public var shopAddress: [String]
    public var width: ReceiptWidth
    /// The zone the sale's date and time are printed in.
    public var timeZone: TimeZone
    /// Columns one character takes (pass TillView's `displayWidth`, so CJK and emoji take two).
    public var columns: @Sendable (Character) -> Int

    public init(shopName: String, shopAddress: [String] = [], width: ReceiptWidth = .narrow,
                timeZone: TimeZone, columns: @escaping @Sendable (Character) -> Int) {
        self.shopName = shopName
        self.shopAddress = shopAddress
        self.width = width
        self.timeZone = timeZone
        self.columns = columns
    }
}
