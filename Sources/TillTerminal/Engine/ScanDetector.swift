import TillView

/// Tells a barcode scanner from a person typing. A keyboard-wedge scanner "types" the code and
/// Enter faster than any hand, so the whole code arrives in one read from the terminal; a person's
/// keys arrive one or two to a read. So a scan is recognised by where it sits and what it holds,
/// not by timing alone (over SSH timing is unreliable): a read that starts with at least
/// `Key.shortestScan` code characters, at least one of them a digit, then Enter. Such a run becomes
/// one `.scan` key, so its digits never switch panes and its letters never run commands.
/// Pure, so it is tested without a terminal.
public enum ScanDetector {
    /// Longest code (WooshPay's `lookup_key` limit).
    public static let maximumLength = 200

    /// The scan that starts at `start` in `batch`, and the index after its Enter; nil when the
    /// inputs there are not a scan.
    public static func scan(in batch: [RawInput], from start: Int) -> (code: String, next: Int)? {
        var code = String.UnicodeScalarView()
        var hasDigit = false
        var index = start
        while index < batch.count {
            if isEnter(batch[index]) {
                guard code.count >= Key.shortestScan, hasDigit else { return nil }
                // A scanner that ends with CR LF sends one Enter, not two.
                var next = index + 1
                if batch[index] == .character(0x0D), next < batch.count, batch[next] == .character(0x0A) { next += 1 }
                return (String(code), next)
            }
            guard case .character(let value) = batch[index], isCodeCharacter(value), code.count < maximumLength,
                  let scalar = Unicode.Scalar(value) else { return nil }
            if isDigit(batch[index]) { hasDigit = true }
            code.append(scalar)
            index += 1
        }
        return nil
    }

    /// Whether the inputs from `start` to the end of `batch` may be a scan cut short: a pty or an
    /// SSH connection can split the scanner's burst across reads ("50123456" then "78900⏎"). That
    /// is a run of at least two code characters, one of them a digit, and nothing else. A person's
    /// keys arrive one to a read, so their typing never waits for more.
    public static func mayContinue(_ batch: [RawInput], from start: Int) -> Bool {
        let rest = batch.count - start
        guard rest >= 2, rest < maximumLength else { return false }
        let run = batch[start...]
        return run.allSatisfy { if case .character(let value) = $0 { isCodeCharacter(value) } else { false } }
            && run.contains(where: isDigit)
    }

    /// Whether `more`, the read that followed `pending` (a read `mayContinue` accepted), is the
    /// rest of the same burst: it goes on with code characters. An Enter alone ends the code once
    /// the code has come in two bursts already (`joins` > 0), or when `pending` is a barcode of
    /// digits (EAN, UPC: at least `Key.shortestScan`); after other text it stays a person's Enter.
    public static func continues(with more: [RawInput], pending: ArraySlice<RawInput>, joins: Int) -> Bool {
        guard let first = more.first else { return false }
        if case .character(let value) = first, isCodeCharacter(value) { return true }
        return isEnter(first) && (joins > 0 || (pending.count >= Key.shortestScan && pending.allSatisfy(isDigit)))
    }

    /// CR, LF, or keypad Enter as curses reports it.
    static func isEnter(_ input: RawInput) -> Bool {
        input == .character(0x0D) || input == .character(0x0A) || input == .functionKey(CursesKeyCode.enter)
    }

    static func isDigit(_ input: RawInput) -> Bool {
        if case .character(let value) = input { (0x30...0x39).contains(value) } else { false }
    }

    /// Letters, digits and `-`, `_`, `.`: what barcodes and SKUs are made of.
    static func isCodeCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F: true
        default: false
        }
    }
}
