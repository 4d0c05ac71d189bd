import CNcurses
import TillView

/// Turns a view `Style` into curses attributes and a colour pair. With colours, each role gets
/// a pair on the terminal's own background (-1), except the QR code's explicit black on white;
/// without (NO_COLOR, monochrome), roles become attributes so their meaning survives.
struct StyleMapper {
    let colors: Bool

    /// Foreground colour per role, in `Style.Role` order.
    private static let foregrounds: [Style.Role: Int16] = [
        .accent: Int16(COLOR_CYAN), .warning: Int16(COLOR_YELLOW), .error: Int16(COLOR_RED),
        .success: Int16(COLOR_GREEN), .muted: -1, .qrCode: Int16(COLOR_BLACK),
    ]

    /// Background colour per role; the terminal's own (-1) unless listed. A QR code needs a
    /// light field whatever the theme, or a dark terminal shows it inverted.
    private static let backgrounds: [Style.Role: Int16] = [.qrCode: Int16(COLOR_WHITE)]

    /// The (foreground, background) of a role's pair.
    static func colors(for role: Style.Role) -> (foreground: Int16, background: Int16) {
        (foregrounds[role] ?? -1, backgrounds[role] ?? -1)
    }

    /// Register the colour pairs (pair n+1 for role n).
    func installPairs() {
        guard colors else { return }
        for role in Style.Role.allCases {
            let (foreground, background) = Self.colors(for: role)
            _ = init_pair(Int16(role.rawValue + 1), foreground, background)
        }
    }

    /// Attributes and pair for a style.
    func attributes(for style: Style) -> (attr_t, Int16) {
        var effective = style
        var pair: Int16 = 0
        if colors {
            if let role = style.role {
                pair = Int16(role.rawValue + 1)
                // Muted has no colour of its own: dim carries it.
                if role == .muted { effective.insert(.dim) }
            }
        } else {
            effective = style.monochrome
        }
        var attributes = till_a_normal()
        if effective.contains(.bold) { attributes |= till_a_bold() }
        if effective.contains(.reverse) { attributes |= till_a_reverse() }
        if effective.contains(.underline) { attributes |= till_a_underline() }
        if effective.contains(.dim) { attributes |= till_a_dim() }
        return (attributes, pair)
    }
}
