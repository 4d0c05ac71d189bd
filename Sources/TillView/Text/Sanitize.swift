import TillCore

// Text from the API or the operator must never reach the terminal as control codes: a product
// named "\u{1B}[2J" would clear the screen, "\u{1B}]0;…\u{07}" retitle the window.

/// The string with every control made visible: C0 controls, ESC, DEL, and (as this is for
/// single-line fields) newline and tab become their U+2400 control pictures ("␛", "␊", "␡");
/// C1 controls, line/paragraph separators and bidi overrides become "�". Secret and restricted
/// keys are cut to `sk_test_…WXYZ` (TillCore's `redactingSecretKeys`).
public func sanitize(_ string: String) -> String {
    let string = redactingSecretKeys(in: string)
    if asciiPrintableCount(string) != nil { return string }
    guard string.unicodeScalars.contains(where: needsReplacement) else { return string }
    var scalars = String.UnicodeScalarView()
    for scalar in string.unicodeScalars {
        scalars.append(needsReplacement(scalar) ? replacement(for: scalar) : scalar)
    }
    return String(scalars)
}

@inline(__always)
private func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return true }
    if v < 0x61C { return false }
    return v == 0x61C || v == 0x200E || v == 0x200F || v == 0x2028 || v == 0x2029
        || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
}

private func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar {
    let v = scalar.value
    if v < 0x20 { return Unicode.Scalar(0x2400 + v)! }  // ␀ … ␛ … ␟
    if v == 0x7F { return "\u{2421}" }                   // ␡
    return "\u{FFFD}"                                     // C1, separators, bidi controls
}
