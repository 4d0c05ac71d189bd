import TillCore
import Foundation
import Testing
@testable import TillView

/// The full-screen frame, as drawn, photographed: every cell becomes 4×8 pixels (the glyph's
/// upper and lower half), the picture goes to `zbarimg`, and the exact URL must come back.
/// `TILL_QR_IMAGES=<folder>` keeps the pictures (PGM) for a look.
@Suite("QR code decodes")
struct QRDecodeTests {
    typealias Q = QRFixtures

    /// How a terminal shows the frame: the code's ink and field, and the terminal's background.
    struct Look: Sendable, CustomTestStringConvertible {
        let name: String
        let ink: UInt8, field: UInt8, background: UInt8
        var testDescription: String { name }

        /// Colours: the explicit black-on-white pair, on a dark terminal.
        static let colour = Look(name: "colour", ink: 0, field: 255, background: 30)
        /// NO_COLOR or monochrome: reverse video on a light-on-dark terminal (ink takes the
        /// background, the field the grey foreground).
        static let reverse = Look(name: "reverse", ink: 30, field: 200, background: 30)
    }

    @Test(arguments: [Q.sandboxURL, Q.longestSandboxURL, Q.stripeStyleURL], [Look.colour, .reverse])
    func fullScreenAt80x24Decodes(url: String, look: Look) throws {
        try expectDecodes(url, size: Size(width: 80, height: 24), look: look)
    }

    @Test(arguments: [Q.sandboxURL, Q.longestSandboxURL, Q.stripeStyleURL])
    func fullScreenAt120x40Decodes(url: String) throws {
        try expectDecodes(url, size: Size(width: 120, height: 40), look: .colour)
    }

    private func expectDecodes(_ url: String, size: Size, look: Look,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let frame = renderFullScreenQR(url: url, caption: "£12.50 · Esc back", size: size, cache: QRMatrixCache())
        try #require(frame.cells.contains { $0.style.role == .qrCode }, "no code drawn at \(size)",
                     sourceLocation: sourceLocation)
        let zbarimg = try #require(Self.zbarimg,
                                   "zbarimg not found on PATH: install zbar-tools (apt-get install -y zbar-tools)",
                                   sourceLocation: sourceLocation)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("till-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("qr.pgm")
        try Self.pgm(frame, look: look).write(to: file)
        if let keep = ProcessInfo.processInfo.environment["TILL_QR_IMAGES"], !keep.isEmpty {
            let name = "qr-\(url.count)-\(size.width)x\(size.height)-\(look.name).pgm"
            try? Self.pgm(frame, look: look).write(to: URL(fileURLWithPath: keep).appendingPathComponent(name))
        }
        let (status, output) = try Self.run(zbarimg, ["--raw", "-q", file.path])
        #expect(status == 0, "zbarimg found no code (exit \(status)) at \(size), \(look.name)", sourceLocation: sourceLocation)
        #expect(output == url + "\n", sourceLocation: sourceLocation)
    }

    /// A binary PGM of the frame: 4×8 pixels a cell, ink where the half block has it.
    static func pgm(_ frame: Frame, look: Look) -> Data {
        let cellWidth = 4, cellHeight = 8
        let width = frame.width * cellWidth, height = frame.height * cellHeight
        var pixels = [UInt8](repeating: look.background, count: width * height)
        for y in 0..<frame.height {
            for x in 0..<frame.width where frame[x, y].style.role == .qrCode {
                let glyph = frame[x, y].text
                let top = glyph == "▀" || glyph == "█", bottom = glyph == "▄" || glyph == "█"
                for py in 0..<cellHeight {
                    let shade = (py < cellHeight / 2 ? top : bottom) ? look.ink : look.field
                    let start = (y * cellHeight + py) * width + x * cellWidth
                    for px in start..<start + cellWidth { pixels[px] = shade }
                }
            }
        }
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: pixels)
        return data
    }

    static let zbarimg: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("zbarimg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func run(_ executable: URL, _ arguments: [String]) throws -> (Int32, String) {
        let result = try runProcess(executable.path, arguments, environment: ProcessInfo.processInfo.environment)
        return (result.status, result.stdout)
    }

}
