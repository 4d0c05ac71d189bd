/// How a cell is drawn: attributes plus at most one colour role.
///
/// Roles name a meaning, not a colour, so the backend can pick colours, or under `NO_COLOR`
/// or on a monochrome terminal fall back to attributes (`monochrome`).
public struct Style: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let bold = Style(rawValue: 1 << 0)
    public static let reverse = Style(rawValue: 1 << 1)
    public static let underline = Style(rawValue: 1 << 2)
    public static let dim = Style(rawValue: 1 << 3)

    public static let accent = Style(role: .accent)
    public static let warning = Style(role: .warning)
    public static let error = Style(role: .error)
    public static let success = Style(role: .success)
    public static let muted = Style(role: .muted)
    /// A QR code: dark modules on a light field whatever the terminal's theme.
    public static let qrCode = Style(role: .qrCode)

    /// What a coloured cell means; the backend maps each to a colour pair.
    public enum Role: Int, CaseIterable, Hashable, Sendable {
        case accent, warning, error, success, muted
        /// Explicit black on white; reverse video without colours.
        case qrCode
    }

    private static let roleShift: UInt16 = 8
    private static let attributeMask: UInt16 = 0x00FF
    private static let roleMask: UInt16 = 0xFF00

    /// A style that only carries a colour role.
    public init(role: Role) {
        self.rawValue = 1 << (Style.roleShift + UInt16(role.rawValue))
    }

    /// The colour role, if any. Setting one replaces the previous role.
    public var role: Role? {
        get {
            let bits = (rawValue & Style.roleMask) >> Style.roleShift
            guard bits != 0 else { return nil }
            return Role(rawValue: bits.trailingZeroBitCount)
        }
        set {
            var raw = rawValue & ~Style.roleMask
            if let newValue { raw |= 1 << (Style.roleShift + UInt16(newValue.rawValue)) }
            self = Style(rawValue: raw)
        }
    }

    /// Only the attributes (bold, reverse, underline, dim), without the role.
    public var attributes: Style { Style(rawValue: rawValue & Style.attributeMask) }

    /// The style for a terminal without colours: roles become attributes so meaning survives.
    public var monochrome: Style {
        var out = attributes
        switch role {
        case .accent?, .success?: out.insert(.bold)
        case .warning?: out.formUnion([.bold, .underline])
        case .error?: out.formUnion([.bold, .underline])
        case .muted?: out.insert(.dim)
        // The glyphs' ink is the dark module: reversed, ink takes the terminal's background
        // and the field its foreground (dark on light for the usual light-on-dark terminal).
        case .qrCode?: out.insert(.reverse)
        case nil: break
        }
        return out
    }
}
