import Foundation
import TillCore

/// The receipt printer (`printer` and its options in config.toml): where it is, how wide its
/// paper is, which code page it prints in, and how it prints a QR code.
public struct PrinterSettings: Sendable, Equatable {
    public var address: PrinterAddress
    /// `printer_width`: 42 (the default) or 48 columns.
    public var width: ReceiptWidth
    /// `printer_codepage`: cp858 by default (it has £ and €).
    public var codePage: PrinterCodePage
    /// `printer_qr`: the printer's own QR command, or the code as a raster image.
    public var qr: PrinterQRMode

    public init(address: PrinterAddress, width: ReceiptWidth = .narrow, codePage: PrinterCodePage = .cp858,
                qr: PrinterQRMode = .native) {
        self.address = address
        self.width = width
        self.codePage = codePage
        self.qr = qr
    }
}

/// Where the printer is.
public enum PrinterAddress: Sendable, Hashable, CustomStringConvertible {
    /// `tcp://HOST:PORT` (port 9100 when left out): a network printer's raw port.
    case tcp(host: String, port: Int)
    /// `/dev/usb/lp0`: a device file, written as it is.
    case device(path: String)
    /// `file:PATH`: a file the bytes are appended to (a spool folder, or a test).
    case file(path: String)

    /// The printer's raw port when a `tcp://` address names none.
    public static let defaultPort = 9100

    /// Reads `printer`; the error says what is accepted.
    public init(parsing text: String) throws(PrinterAddressError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value.lowercased().hasPrefix("tcp://") {
            let rest = String(value.dropFirst("tcp://".count)).split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            var host = rest, port = Self.defaultPort
            if rest.hasPrefix("[") {
                // [IPv6]:port
                guard let close = rest.firstIndex(of: "]") else { throw PrinterAddressError(value) }
                host = String(rest[rest.index(after: rest.startIndex)..<close])
                let tail = rest[rest.index(after: close)...]
                if tail.hasPrefix(":") {
                    guard let p = Int(tail.dropFirst()), (1...65535).contains(p) else { throw PrinterAddressError(value) }
                    port = p
                }
            } else if let colon = rest.lastIndex(of: ":") {
                host = String(rest[..<colon])
                guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else { throw PrinterAddressError(value) }
                port = p
            }
            guard !host.isEmpty, !host.contains(where: { $0.isWhitespace }) else { throw PrinterAddressError(value) }
            self = .tcp(host: host, port: port)
        } else if value.hasPrefix("file:") {
            let path = String(value.dropFirst("file:".count))
            guard !path.isEmpty else { throw PrinterAddressError(value) }
            self = .file(path: path)
        } else if value.hasPrefix("/") {
            self = .device(path: value)
        } else {
            throw PrinterAddressError(value)
        }
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): host.contains(":") ? "tcp://[\(host)]:\(port)" : "tcp://\(host):\(port)"
        case .device(let path): path
        case .file(let path): "file:" + path
        }
    }
}

/// A `printer` value that is none of the accepted forms.
public struct PrinterAddressError: Error, Equatable, CustomStringConvertible {
    public let value: String
    init(_ value: String) { self.value = value }
    public var description: String {
        "printer must be \"tcp://HOST:9100\", a device file such as \"/dev/usb/lp0\", or \"file:PATH\" (not \"\(value)\")"
    }
}

/// The code pages Till can print in; each is selected on the printer with `ESC t n`.
public enum PrinterCodePage: String, Sendable, CaseIterable, Equatable {
    /// PC437 (USA): box drawing, £, no €.
    case cp437
    /// PC850 (Multilingual Latin 1): accented letters, £, no €.
    case cp850
    /// PC858: PC850 with €.
    case cp858
    /// WPC1252 (Windows Latin 1): €, £ and accented letters.
    case cp1252

    /// `n` of `ESC t n` on Epson-compatible printers.
    public var escPosNumber: UInt8 {
        switch self {
        case .cp437: 0
        case .cp850: 2
        case .cp858: 19
        case .cp1252: 16
        }
    }
}

/// How the payment slip's QR code is printed.
public enum PrinterQRMode: String, Sendable, CaseIterable, Equatable {
    /// `GS ( k`: the printer draws the code (most printers since about 2010).
    case native
    /// A raster image (`GS v 0`) Till draws, for printers without `GS ( k`.
    case raster
}
