import Foundation
import Synchronization
import TillConfig
@testable import TillTerminal
#if canImport(Glibc)
import Glibc
#endif

/// A receipt printer on a loopback port, as port 9100 behaves: one connection at a time (the next
/// waits in the listen queue), the bytes of each connection kept as one job, `DLE EOT 4` at the
/// start of a job answered with the paper status. It can be out of paper, or stall (accept and
/// then neither read nor answer).
final class PrinterDouble: @unchecked Sendable {
    enum Behaviour: Sendable { case normal, paperOut, stall }

    let port: Int
    var address: PrinterAddress { .tcp(host: "127.0.0.1", port: port) }
    private let listener: Int32
    private let state = Mutex<State>(State())
    private let changed = NSCondition()
    private struct State {
        var behaviour: Behaviour = .normal
        var jobs: [[UInt8]] = []
        var connections = 0
        var open = 0
        var mostOpenAtOnce = 0
        var stopped = false
        var held: [Int32] = []
    }

    init(_ behaviour: Behaviour = .normal) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0, listen(fd, 8) == 0 else {
            close(fd)
            throw PrintFailure("the printer double could not listen")
        }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        state.withLock { $0.behaviour = behaviour }
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var behaviour: Behaviour {
        get { state.withLock { $0.behaviour } }
        set { state.withLock { $0.behaviour = newValue } }
    }

    var jobs: [[UInt8]] { state.withLock { $0.jobs } }
    var connections: Int { state.withLock { $0.connections } }
    var mostOpenAtOnce: Int { state.withLock { $0.mostOpenAtOnce } }

    /// Waits until `count` jobs have ended (each connection closed by Till); throws after `timeout`.
    @discardableResult
    func waitForJobs(_ count: Int, timeout: TimeInterval = 15) throws -> [[UInt8]] {
        let deadline = Date().addingTimeInterval(timeout)
        changed.lock()
        defer { changed.unlock() }
        while state.withLock({ $0.jobs.count }) < count {
            guard changed.wait(until: deadline) else {
                throw PrintFailure("the printer double got \(jobs.count) of \(count) jobs")
            }
        }
        return jobs
    }

    func stop() {
        let held = state.withLock { state in
            state.stopped = true
            return state.held
        }
        for fd in held { shutdown(fd, Int32(SHUT_RDWR)) }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            let behaviour = state.withLock { state in
                state.connections += 1
                state.open += 1
                state.mostOpenAtOnce = max(state.mostOpenAtOnce, state.open)
                state.held.append(connection)
                return state.behaviour
            }
            if behaviour == .stall {
                // Accepted and then nothing: no answer, no reading. Held until stop().
                state.withLock { $0.open -= 1 }
                continue
            }
            var job: [UInt8] = []
            var answered = false
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = recv(connection, &buffer, buffer.count, 0)
                if count <= 0 { break }
                job += buffer[0..<count]
                if !answered, job.count >= 3, job[0] == 0x10, job[1] == 0x04, job[2] == 0x04 {
                    answered = true
                    var status: UInt8 = behaviour == .paperOut ? 0x72 : 0x12
                    _ = send(connection, &status, 1, Int32(MSG_NOSIGNAL))
                }
            }
            close(connection)
            changed.lock()
            state.withLock { state in
                state.open -= 1
                state.jobs.append(job)
                state.held.removeAll { $0 == connection }
            }
            changed.broadcast()
            changed.unlock()
        }
    }
}

/// What an ESC/POS job prints, read back command by command: the text lines (decoded in the code
/// page the job selected), cuts, QR codes sent with `GS ( k`, and raster images (`GS v 0`).
/// Any byte it does not know is kept in `unknown`, so a stray control byte fails a test.
struct Printout {
    struct Raster { let widthBytes: Int; let height: Int; let bits: [UInt8] }

    var lines: [String] = []
    var cuts = 0
    var nativeQRs: [String] = []
    var rasters: [Raster] = []
    var unknown: [String] = []
    var statusQueries = 0
    var boldText: [String] = []

    init(_ bytes: [UInt8]) {
        var page = PrinterCodePage.cp437
        var current = ""
        var bold = false
        var stored: [UInt8] = []
        var i = 0
        func byte(_ offset: Int) -> UInt8? { i + offset < bytes.count ? bytes[i + offset] : nil }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x0A:
                lines.append(current)
                current = ""
                i += 1
            case 0x10 where byte(1) == 0x04:
                statusQueries += 1
                i += 3
            case 0x1B:
                switch byte(1) {
                case 0x40: i += 2; page = .cp437; bold = false
                case 0x74:
                    page = PrinterCodePage.allCases.first { $0.escPosNumber == byte(2) } ?? .cp437
                    i += 3
                case 0x61: i += 3
                case 0x45: bold = byte(2) == 1; i += 3
                case 0x64:
                    for _ in 0..<Int(byte(2) ?? 0) { lines.append(current); current = "" }
                    i += 3
                default: unknown.append(String(format: "ESC %02X", byte(1) ?? 0)); i += 2
                }
            case 0x1D:
                switch byte(1) {
                case 0x21: i += 3
                case 0x56:
                    cuts += 1
                    i += (byte(2) == 65 || byte(2) == 66) ? 4 : 3
                case 0x28 where byte(2) == 0x6B:
                    let length = Int(byte(3) ?? 0) | Int(byte(4) ?? 0) << 8
                    let body = Array(bytes[min(bytes.count, i + 5)..<min(bytes.count, i + 5 + length)])
                    if body.count >= 3, body[0] == 0x31, body[1] == 0x50 { stored = Array(body[3...]) }
                    if body.count >= 2, body[0] == 0x31, body[1] == 0x51 { nativeQRs.append(String(decoding: stored, as: UTF8.self)) }
                    i += 5 + length
                case 0x76 where byte(2) == 0x30:
                    let widthBytes = Int(byte(4) ?? 0) | Int(byte(5) ?? 0) << 8
                    let height = Int(byte(6) ?? 0) | Int(byte(7) ?? 0) << 8
                    let start = i + 8, end = min(bytes.count, start + widthBytes * height)
                    rasters.append(Raster(widthBytes: widthBytes, height: height, bits: Array(bytes[start..<end])))
                    i = start + widthBytes * height
                default: unknown.append(String(format: "GS %02X", byte(1) ?? 0)); i += 2
                }
            case 0x20..<0x7F:
                current.unicodeScalars.append(Unicode.Scalar(b))
                if bold { boldText.append(String(Unicode.Scalar(b))) }
                i += 1
            case 0x80...0xFF:
                current.unicodeScalars.append(page.table[Int(b) - 0x80])
                i += 1
            default:
                unknown.append(String(format: "%02X", b))
                i += 1
            }
        }
        if !current.isEmpty { lines.append(current) }
    }

    var text: String { lines.joined(separator: "\n") }

    /// Each raster image as a PBM file handed to `zbarimg`: what it decodes to.
    func decodedRasters() throws -> [String] {
        guard let zbarimg = Self.zbarimg else { throw PrintFailure("zbarimg not found on PATH: install zbar-tools") }
        var out: [String] = []
        for raster in rasters {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-raster-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("qr.pbm")
            // PBM (P4) is the raster's own layout: rows of bits, most significant first, 1 = black.
            var data = Data("P4\n\(raster.widthBytes * 8) \(raster.height)\n".utf8)
            data.append(contentsOf: raster.bits)
            try data.write(to: file)
            let result = try runProcess(zbarimg.path, ["--raw", "-q", file.path], environment: ProcessInfo.processInfo.environment)
            out.append(result.stdout.trimmingCharacters(in: .newlines))
        }
        return out
    }

    static let zbarimg: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("zbarimg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
}
