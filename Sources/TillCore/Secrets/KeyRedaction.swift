// Secret and restricted keys must never leave Till whole, whoever sent them: an operator may type
// one where an id or a name goes, and the API echoes ids and names back. Every text bound for the
// screen, stdout, stderr, `--json` or the log passes through `redactingSecretKeys(in:)`.

/// `text` with every secret or restricted key (`sk_`/`rk_` + `test_`/`live_` + 8 or more letters,
/// digits or `_`) cut to its first 8 and last 4 characters, e.g. `sk_test_…WXYZ`, wherever it
/// appears (inside a path, a JSON string, a word). A key shorter than 20 characters keeps only its
/// prefix, so the tail never shows most of it. Publishable `pk_` keys are not secret and stay whole.
public func redactingSecretKeys(in text: String) -> String {
    guard mayHoldKey(text) else { return text }
    let bytes = Array(text.utf8)
    guard let first = firstSecretKey(in: bytes, from: 0) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var copied = 0
    var next: Range<Int>? = first
    while let range = next {
        out += bytes[copied..<range.lowerBound]
        out += Array(redactedKey(bytes[range]).utf8)
        copied = range.upperBound
        next = firstSecretKey(in: bytes, from: copied)
    }
    out += bytes[copied...]
    return String(decoding: out, as: UTF8.self)
}

/// Whether `text` holds anything `redactingSecretKeys(in:)` would change.
public func containsSecretKey(_ text: String) -> Bool {
    mayHoldKey(text) && firstSecretKey(in: Array(text.utf8), from: 0) != nil
}

/// The fewest characters after `sk_test_` (or another prefix) that make a key.
let minimumSecretKeyBody = 8

/// A scan without allocating (the screen calls this for every string it draws): is there a
/// "k_" that could follow an "s" or "r", with room for a whole key?
@inline(__always)
private func mayHoldKey(_ text: String) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
        if byte == UInt8(ascii: "_") && previous | 0x20 == UInt8(ascii: "k") { return text.utf8.count >= 16 }
        previous = byte
    }
    return false
}

/// The byte range of the first key at or after `start`.
private func firstSecretKey(in bytes: [UInt8], from start: Int) -> Range<Int>? {
    let prefixLength = 8  // "sk_test_", "rk_live_", …
    var index = start
    while index + prefixLength + minimumSecretKeyBody <= bytes.count {
        // "sk_" or "rk_", then "test_" or "live_" (ASCII, any case).
        let lead = bytes[index] | 0x20
        guard (lead == UInt8(ascii: "s") || lead == UInt8(ascii: "r")),
              bytes[index + 1] | 0x20 == UInt8(ascii: "k"), bytes[index + 2] == UInt8(ascii: "_"),
              matchesMode(bytes, at: index + 3), bytes[index + 7] == UInt8(ascii: "_") else {
            index += 1
            continue
        }
        var end = index + prefixLength
        while end < bytes.count, isKeyByte(bytes[end]) { end += 1 }
        if end - (index + prefixLength) >= minimumSecretKeyBody { return index..<end }
        index = end
    }
    return nil
}

private func matchesMode(_ bytes: [UInt8], at index: Int) -> Bool {
    let word = (0..<4).map { bytes[index + $0] | 0x20 }
    return word == Array("test".utf8) || word == Array("live".utf8)
}

private func isKeyByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
}

private func redactedKey(_ key: ArraySlice<UInt8>) -> String {
    let prefix = String(decoding: key.prefix(8), as: UTF8.self)
    guard key.count >= 20 else { return prefix + "…" }
    return prefix + "…" + String(decoding: key.suffix(4), as: UTF8.self)
}
