import Foundation

/// Where a PostgreSQL shop store is, read from a libpq-style URL
/// (`postgresql://till:secret@shop-db:5432/till?sslmode=verify-full`). The password is kept for
/// connecting only: `description` and every message name the store without it.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// How much TLS the URL asks for (libpq's `sslmode`).
    public enum TLSMode: String, Hashable, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, plain otherwise; the certificate is not checked
        /// (libpq's default, and `allow` is read as this).
        case prefer
        /// TLS or no connection; the certificate is not checked.
        case require
        /// TLS, the certificate signed by a trusted authority (`sslrootcert`, else the system's).
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate names the host.
        case verifyFull = "verify-full"
    }

    /// A host name or address; nil with `socketFolder`.
    public var host: String?
    /// A folder holding the server's Unix socket (`?host=/var/run/postgresql`), instead of TCP.
    public var socketFolder: String?
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tlsMode: TLSMode
    /// A PEM file of the authorities a server's certificate must chain to (`sslrootcert`).
    public var rootCertificate: String?
    /// How long connecting may take (`connect_timeout`, seconds).
    public var connectTimeout: TimeInterval

    /// The URL as a message may show it: no password, no query.
    public var description: String {
        let at = socketFolder.map { "?host=\($0)" } ?? ""
        let server = host.map { Self.bracketed($0) + (port == 5432 ? "" : ":\(port)") } ?? ""
        return "postgresql://\(Self.escape(user))@\(server)/\(Self.escape(database))\(at)"
    }

    /// "shop-db:5432" or the socket's path, for "cannot reach …".
    public var endpoint: String {
        if let socketFolder { return socketPath(in: socketFolder) }
        return "\(Self.bracketed(host ?? "localhost")):\(port)"
    }

    /// The socket file PostgreSQL makes in `folder` for this port.
    func socketPath(in folder: String) -> String { "\(folder)/.s.PGSQL.\(port)" }

    /// Reads `text`; the error says what is wrong without repeating the URL (it may hold a password).
    /// A missing user is the Unix user's name (as with `psql`), a missing database the user's.
    /// The password may also come from `PGPASSWORD`, so it need not stand in config.toml.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ShopStoreError) {
        func bad(_ reason: String) -> ShopStoreError {
            .unavailable(location: "URL", reason: reason)
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let schemeEnd = trimmed.range(of: "://"),
              ["postgresql", "postgres"].contains(trimmed[..<schemeEnd.lowerBound].lowercased()) else {
            throw bad("it must start with postgresql:// (postgresql://USER@HOST[:PORT]/DATABASE)")
        }
        var rest = Substring(trimmed[schemeEnd.upperBound...])
        var query: Substring = ""
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var path: Substring = ""
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        // The user part ends at the last "@" (an unescaped "@" in a password is common).
        var userPart: Substring?
        if let at = rest.lastIndex(of: "@") {
            userPart = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var user: String?, password: String?
        if let userPart {
            if let colon = userPart.firstIndex(of: ":") {
                user = Self.unescape(userPart[..<colon])
                password = Self.unescape(userPart[userPart.index(after: colon)...])
            } else {
                user = Self.unescape(userPart)
            }
        }
        // Host and port: "[::1]:5433", "shop-db:5433", "shop-db".
        var host: String?, port = 5432
        var portText: Substring?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw bad("the host is not followed by :PORT")
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = Self.unescape(rest[..<colon])
            portText = rest[rest.index(after: colon)...]
        } else {
            host = Self.unescape(rest)
        }
        if let portText {
            guard let number = Int(portText), (1...65535).contains(number) else {
                throw bad("the port \"\(portText)\" is not a number from 1 to 65535")
            }
            port = number
        }
        if host?.isEmpty == true { host = nil }
        guard !path.contains("/") else { throw bad("the database name holds a \"/\"") }
        var database = Self.unescape(path)

        var tlsMode = TLSMode.prefer, rootCertificate: String?, socketFolder: String?, connectTimeout: TimeInterval = 10
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.unescape(parts[0]), value = parts.count > 1 ? Self.unescape(parts[1]) : ""
            switch key {
            case "sslmode":
                guard let mode = value == "allow" ? TLSMode.prefer : TLSMode(rawValue: value) else {
                    throw bad("sslmode \"\(value)\" is not one of disable, allow, prefer, require, verify-ca, verify-full")
                }
                tlsMode = mode
            case "sslrootcert": rootCertificate = value
            case "connect_timeout":
                guard let seconds = Double(value), seconds > 0 else { throw bad("connect_timeout \"\(value)\" is not a number of seconds") }
                connectTimeout = seconds
            case "host":
                if value.hasPrefix("/") { socketFolder = value } else { host = value }
            case "port":
                guard let number = Int(value), (1...65535).contains(number) else { throw bad("the port \"\(value)\" is not a number from 1 to 65535") }
                port = number
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "application_name", "sslcompression":
                break
            default:
                throw bad("\(key) is not a setting Till knows (sslmode, sslrootcert, connect_timeout, host, port, user, dbname)")
            }
        }
        if host == nil, socketFolder == nil {
            throw bad("it names no host (postgresql://USER@HOST/DATABASE, or ?host=/var/run/postgresql for a local socket)")
        }
        if socketFolder != nil, tlsMode.requiresTLS {
            throw bad("sslmode=\(tlsMode.rawValue) cannot be used over a Unix socket")
        }
        let login = user.flatMap { $0.isEmpty ? nil : $0 } ?? ProcessInfo.processInfo.userName
        self.host = socketFolder == nil ? host : nil
        self.socketFolder = socketFolder
        self.port = port
        self.user = login
        self.password = password ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        self.database = database.isEmpty ? login : database
        self.tlsMode = tlsMode
        self.rootCertificate = rootCertificate
        self.connectTimeout = connectTimeout
    }

    /// Whether a `store` setting names a PostgreSQL server rather than a file.
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// `text` with any password in it replaced by `***`, for echoing a URL that did not parse.
    public static func redacting(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var result = String(text[..<schemeEnd.upperBound])
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            result += String(authority[..<colon]) + ":***" + String(authority[at...])
        } else {
            result += String(authority)
        }
        var tail = String(rest[authorityEnd...])
        if let range = tail.range(of: #"password=[^&]*"#, options: .regularExpression) {
            tail.replaceSubrange(range, with: "password=***")
        }
        return result + tail
    }

    static func unescape(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/?#"))) ?? text
    }

    static func bracketed(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}

extension PostgresLocation.TLSMode {
    /// Whether a plain connection is refused.
    var requiresTLS: Bool { self == .require || self == .verifyCA || self == .verifyFull }
}
