import Foundation

/// The times a report window is given in: ISO 8601 (`2026-11-25T18:30:00Z`, `…+01:00`, with or
/// without seconds and fractions; with no zone, local time) or a bare `YYYY-MM-DD`, which is that
/// day's local midnight. Parsed by hand so every machine reads a time the same way.
public enum ReportTime {
    /// The instant `text` names; `timeZone` is the local one (for a date alone or no zone).
    public static func parse(_ text: String, timeZone: TimeZone) throws(ReportTimeError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var scanner = Scanner(Array(trimmed.utf8))
        guard let year = scanner.digits(4), scanner.take("-"), let month = scanner.digits(2), scanner.take("-"),
              let day = scanner.digits(2) else { throw .unreadable(text) }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var zone = timeZone
        if !scanner.atEnd {
            guard scanner.take("T") || scanner.take("t") || scanner.take(" "),
                  let h = scanner.digits(2), scanner.take(":"), let m = scanner.digits(2) else { throw .unreadable(text) }
            (hour, minute) = (h, m)
            if scanner.take(":") {
                guard let s = scanner.digits(2) else { throw .unreadable(text) }
                second = s
                if scanner.take(".") || scanner.take(",") {
                    guard let (value, count) = scanner.fraction() else { throw .unreadable(text) }
                    fraction = Double(value) / pow(10, Double(count))
                }
            }
            if scanner.take("Z") || scanner.take("z") {
                zone = TimeZone(secondsFromGMT: 0)!
            } else if let sign = scanner.sign() {
                guard let offsetHours = scanner.digits(2) else { throw .unreadable(text) }
                _ = scanner.take(":")
                let offsetMinutes = scanner.atEnd ? 0 : scanner.digits(2)
                guard let offsetMinutes, offsetHours <= 18, offsetMinutes < 60,
                      let fixed = TimeZone(secondsFromGMT: sign * (offsetHours * 3600 + offsetMinutes * 60))
                else { throw .unreadable(text) }
                zone = fixed
            }
            guard scanner.atEnd else { throw .unreadable(text) }
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else {
            throw .outOfRange(text)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month
        else { throw .outOfRange(text) }
        return date.addingTimeInterval(fraction)
    }

    /// "2026-11-25 18:30 UTC": a time as the TUI shows it (UTC, to the minute).
    public static func utcText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func pad(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(pad(parts.month))-\(pad(parts.day)) \(pad(parts.hour)):\(pad(parts.minute)) UTC"
    }

    /// Bytes read one at a time, ASCII only.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ character: Character) -> Bool {
            guard !atEnd, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }

        /// Exactly `count` ASCII digits as a number.
        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        /// 1 to 9 digits after a decimal point: their value and how many there were.
        mutating func fraction() -> (Int, Int)? {
            var value = 0, count = 0
            while !atEnd, (0x30...0x39).contains(bytes[index]), count < 9 {
                value = value * 10 + Int(bytes[index] - 0x30)
                count += 1
                index += 1
            }
            return count == 0 ? nil : (value, count)
        }

        /// +1 or -1 for a zone offset's sign.
        mutating func sign() -> Int? {
            if take("+") { return 1 }
            if take("-") { return -1 }
            return nil
        }
    }
}

/// Why a report time was refused.
public enum ReportTimeError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(String)
    case outOfRange(String)

    public var description: String {
        switch self {
        case .unreadable(let text):
            return "'\(text)' is not a time: use ISO 8601 (2026-11-25T18:30:00Z, 2026-11-25T18:30+01:00, "
                + "2026-11-25T18:30 for local time) or a date, 2026-11-25 (local midnight)."
        case .outOfRange(let text):
            return "'\(text)' is not a real date and time (check the month, day, hour and minute)."
        }
    }
}
