import Foundation

/// The adapter's one percent-encoder, for path segments (ids) and query values alike.
enum PercentEncoding {
    /// RFC 3986's unreserved characters (ASCII letters, digits, `-_.~`).
    private static let unreservedCharacters: CharacterSet = {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-_.~")
        return allowed
    }()

    /// `text` with everything but unreserved characters percent-encoded, so it can never change
    /// the path or add a query parameter.
    static func unreserved(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreservedCharacters) ?? ""
    }
}
