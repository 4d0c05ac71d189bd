import Foundation

/// Digits in groups of three with commas: "100,000". The one grouping of amounts and counts alike.
public func groupedDigits(_ value: UInt64) -> String {
    let digits = Array(String(value))
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return out
}

/// A signed count with its digits grouped: "-1,234".
public func groupedDigits(_ value: Int) -> String {
    (value < 0 ? "-" : "") + groupedDigits(UInt64(value.magnitude))
}
