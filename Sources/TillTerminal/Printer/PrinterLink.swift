import Foundation
import TillConfig
#if canImport(Glibc)
import Glibc
#endif

/// Why a print job did not print, in words for the status line.
public struct PrintFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// One print job's way to the printer: a TCP connection to its raw port, a device file, or a file.
/// Blocking, with deadlines: run it off the curses thread (`PrintQueue` does).
///
/// On TCP the printer is asked for its paper status first (`DLE EOT 4`, which Epson-compatible
/// printers answer at once, even mid-job): no answer within the write timeout means it is
/// stalled or off line; paper out is said as such. Nothing is sent to a printer that said so.
public struct PrinterLink: Sendable {
    public let address: PrinterAddress
    public var connectTimeout: TimeInterval
    public var writeTimeout: TimeInterval

    public init(address: PrinterAddress, connectTimeout: TimeInterval = 5, writeTimeout: TimeInterval = 10) {
        self.address = address
        self.connectTimeout = connectTimeout
        self.writeTimeout = writeTimeout
    }

    /// Sends one whole job; throws what went wrong.
    public func send(_ bytes: [UInt8]) throws(PrintFailure) {
        switch address {
        case .tcp(let host, let port):
            let fd = try connect(host: host, port: port)
            defer { close(fd) }
            let deadline = Date().addingTimeInterval(writeTimeout)
            try write(fd, [0x10, 0x04, 0x04], until: deadline, socket: true)
            guard let status = try readByte(fd, until: deadline) else {
                throw PrintFailure("no answer from the printer at \(address) in \(Self.seconds(writeTimeout)) (stalled or off line)")
            }
            if status & 0x60 == 0x60 { throw PrintFailure("the printer at \(address) is out of paper") }
            try write(fd, bytes, until: Date().addingTimeInterval(writeTimeout), socket: true)
            shutdown(fd, Int32(SHUT_WR))
        case .device(let path):
            let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw PrintFailure("could not open \(path): \(Self.errorText())") }
            defer { close(fd) }
            try write(fd, bytes, until: Date().addingTimeInterval(writeTimeout), socket: false)
        case .file(let path):
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { throw PrintFailure("could not open \(path): \(Self.errorText())") }
            defer { close(fd) }
            try write(fd, bytes, until: Date().addingTimeInterval(writeTimeout), socket: false)
        }
    }

    /// A non-blocking connect, waited for up to `connectTimeout`, to each address the name has.
    private func connect(host: String, port: Int) throws(PrintFailure) -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw PrintFailure("cannot find the printer \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        let deadline = Date().addingTimeInterval(connectTimeout)
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            guard fd >= 0 else { lastError = Self.errorText(); continue }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 { return fd }
            guard errno == EINPROGRESS else {
                lastError = errno == ECONNREFUSED ? "refused the connection" : Self.errorText()
                close(fd)
                continue
            }
            guard Self.wait(fd, for: Int16(POLLOUT), until: deadline) else {
                lastError = "no connection in \(Self.seconds(connectTimeout))"
                close(fd)
                continue
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            if error == 0 { return fd }
            lastError = error == ECONNREFUSED ? "refused the connection" : String(cString: strerror(error))
            close(fd)
        }
        throw PrintFailure("the printer at \(address) \(lastError.hasPrefix("refused") || lastError.hasPrefix("no connection") ? "" : "could not be reached: ")\(lastError)")
    }

    private func write(_ fd: Int32, _ bytes: [UInt8], until deadline: Date, socket: Bool) throws(PrintFailure) {
        var offset = 0
        while offset < bytes.count {
            guard Self.wait(fd, for: Int16(POLLOUT), until: deadline) else {
                throw PrintFailure("the printer at \(address) took no more after \(offset) of \(bytes.count) bytes in \(Self.seconds(writeTimeout)) (stalled)")
            }
            let written = bytes[offset...].withUnsafeBytes { buffer in
                socket ? Glibc.send(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
                    : Glibc.write(fd, buffer.baseAddress, buffer.count)
            }
            if written < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                throw PrintFailure("writing to the printer at \(address) failed: \(Self.errorText())")
            }
            offset += written
        }
    }

    private func readByte(_ fd: Int32, until deadline: Date) throws(PrintFailure) -> UInt8? {
        while Self.wait(fd, for: Int16(POLLIN), until: deadline) {
            var byte: UInt8 = 0
            let count = recv(fd, &byte, 1, 0)
            if count == 1 { return byte }
            if count == 0 { throw PrintFailure("the printer at \(address) closed the connection") }
            if errno == EAGAIN || errno == EINTR { continue }
            throw PrintFailure("reading from the printer at \(address) failed: \(Self.errorText())")
        }
        return nil
    }

    /// Polls `fd` for `events` until `deadline`; false when it passed first.
    static func wait(_ fd: Int32, for events: Int16, until deadline: Date) -> Bool {
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return false }
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(min(left * 1000, Double(Int32.max)).rounded(.up)))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }  // the write or read says what is wrong
        }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }

    static func seconds(_ interval: TimeInterval) -> String {
        interval == interval.rounded() ? "\(Int(interval)) s" : String(format: "%.1f s", interval)
    }
}
