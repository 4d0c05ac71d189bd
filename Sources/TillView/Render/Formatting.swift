import TillCore
import Foundation

// Small, allocation-light formatters. Dates are shown in UTC, computed with integer arithmetic
// so a frame is the same on every machine and no DateFormatter is built per row.

/// "2026-11-25 13:27" (UTC).
func formatUTC(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    return "\(year)-\(twoDigits(month))-\(twoDigits(day)) \(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay % 3600 / 60))"
}

/// "14:03:22" (UTC): the time of day, to the second.
func formatTimeOfDay(_ date: Date) -> String {
    let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
    let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
    return "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay % 3600 / 60)):\(twoDigits(secondOfDay % 60))"
}

/// Year, month, day for days since 1970-01-01 (Howard Hinnant's civil_from_days).
func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

@inline(__always)
func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

/// "15 min" or "23 h 40 min" for a number of seconds left, rounded up to the minute
/// (screen-reader mode's countdown).
func formatMinutesLeft(_ seconds: Int) -> String {
    let minutes = (max(0, seconds) + 59) / 60
    return minutes >= 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
}

/// "59:12" or "1:02:03" for a number of seconds left.
func formatCountdown(_ seconds: Int) -> String {
    let s = Int64(max(0, seconds))
    if s >= 3600 { return "\(s / 3600):\(twoDigits(s % 3600 / 60)):\(twoDigits(s % 60))" }
    return "\(s / 60):\(twoDigits(s % 60))"
}
