import TillCore
import Foundation
import Testing
@testable import TillView

/// The QR building block: encoding choices, the half-block drawing and the full-screen view.
@Suite("QR code")
struct QRCodeTests {
    typealias Q = QRFixtures

    // MARK: Encoding

    @Test(arguments: [
        // (bytes, level, smallest version): the edges of the standard's byte-mode capacities.
        (17, QRErrorCorrection.low, 1), (18, .low, 2), (14, .medium, 1), (15, .medium, 2),
        (11, .quartile, 1), (12, .quartile, 2), (7, .high, 1), (8, .high, 2),
        (134, .low, 6), (135, .low, 7), (58, .high, 6), (59, .high, 7),
    ])
    func smallestVersionHoldingTheText(bytes: Int, level: QRErrorCorrection, version: Int) throws {
        let matrix = try #require(QRMatrix(encoding: Q.bytes(bytes), level: level))
        #expect(matrix.version == version)
        #expect(matrix.level == level)
        #expect(matrix.width == 17 + 4 * version)
    }

    @Test func textNoSymbolCanHoldIsUnencodable() {
        for text in ["", "http://127.0.0.1/\u{0}evil", Q.bytes(2_954)] {
            #expect(QRMatrix(encoding: text, level: .low) == nil)
            #expect(QRBlock.fitting(text, in: Size(width: 500, height: 500), cache: QRMatrixCache()) == .unencodable)
        }
        // Too long for H, Q and M (at most 2331 bytes) but not for L (2953): L it is.
        let text = Q.bytes(2_500)
        #expect(QRMatrix(encoding: text, level: .medium) == nil)
        guard case .fits(let block) = QRBlock.fitting(text, in: Size(width: 200, height: 100),
                                                      cache: QRMatrixCache()) else {
            Issue.record("2500 bytes fit version 40 at L")
            return
        }
        #expect(block.level == .low)
        #expect(block.version == 37)  // the standard: 2409 < 2500 ≤ 2529 bytes
    }

    // MARK: Picking a level for a space

    /// 107 bytes: H needs version 10 (61×31 cells), Q version 8 (53×27), M version 7 (49×25),
    /// L version 6 (45×23).
    @Test(arguments: [
        (Size(width: 61, height: 31), QRErrorCorrection.high, 10), (Size(width: 200, height: 100), .high, 10),
        (Size(width: 60, height: 31), .quartile, 8), (Size(width: 53, height: 27), .quartile, 8),
        (Size(width: 61, height: 26), .medium, 7), (Size(width: 52, height: 27), .medium, 7),
        (Size(width: 49, height: 24), .low, 6), (Size(width: 45, height: 23), .low, 6),
    ])
    func highestLevelThatFitsTheSpace(space: Size, level: QRErrorCorrection, version: Int) throws {
        let placement = QRBlock.fitting(Q.bytes(107), in: space, cache: QRMatrixCache())
        guard case .fits(let block) = placement else {
            Issue.record("expected a code in \(space), got \(placement)")
            return
        }
        #expect(block.level == level)
        #expect(block.version == version)
        #expect(block.size.width <= space.width && block.size.height <= space.height)
        #expect(block.size == QRBlock.size(modules: 17 + 4 * version))
    }

    @Test func tooSmallSaysTheSizeNeededAtLevelL() {
        // The smallest symbol for 107 bytes is 6-L: 41 modules + 2 × 2 quiet = 45 columns, 23 rows.
        for space in [Size(width: 44, height: 23), Size(width: 45, height: 22), Size(width: 0, height: 0)] {
            #expect(QRBlock.fitting(Q.bytes(107), in: space, cache: QRMatrixCache()) == .needs(Size(width: 45, height: 23)))
        }
        // The sandbox URL beside other content in a 30×12 corner: 5-L, 37 + 4 = 41 columns, 21 rows.
        #expect(QRBlock.fitting(Q.longestSandboxURL, in: Size(width: 30, height: 12), cache: QRMatrixCache())
            == .needs(Size(width: 41, height: 21)))
    }

    @Test func theNeededSizeIsEnough() throws {
        guard case .needs(let needed) = QRBlock.fitting(Q.stripeStyleURL, in: Size(width: 20, height: 10),
                                                       cache: QRMatrixCache()) else {
            Issue.record("a 20×10 space is too small")
            return
        }
        guard case .fits(let block) = QRBlock.fitting(Q.stripeStyleURL, in: needed, cache: QRMatrixCache()) else {
            Issue.record("the size said to be needed must fit")
            return
        }
        #expect(block.size == needed)
        #expect(block.level == .low)
    }

    // MARK: Half blocks

    @Test func halfBlockForEachPairOfModules() {
        #expect(QRBlock.glyph(top: true, bottom: true) == "█")
        #expect(QRBlock.glyph(top: true, bottom: false) == "▀")
        #expect(QRBlock.glyph(top: false, bottom: true) == "▄")
        #expect(QRBlock.glyph(top: false, bottom: false) == " ")
    }

    /// A 3×3 pattern covering every pair, drawn by hand: odd rows leave a light lower half.
    @Test func smallPatternDrawnByHand() {
        let matrix = QRMatrix(version: 1, level: .low, width: 3, dark: [
            true, false, true,
            false, true, false,
            true, true, false,
        ])
        let block = QRBlock(matrix)
        #expect(block.size == Size(width: 7, height: 4))
        #expect(block.lines == [
            "       ",
            "  ▀▄▀  ",
            "  ▀▀   ",
            "       ",
        ])
        // A wider quiet zone of 3 shifts the pattern by half a cell.
        #expect(QRBlock(matrix, quietZone: 3).lines == [
            "         ",
            "   ▄ ▄   ",
            "   ▄█    ",
            "         ",
            "         ",
        ])
        // Less than 2 is never drawn.
        #expect(QRBlock(matrix, quietZone: 0) == block)
    }

    @Test(arguments: [Q.sandboxURL, Q.longestSandboxURL, Q.stripeStyleURL])
    func blockHoldsTheSymbolInsideAQuietZone(url: String) throws {
        let matrix = try #require(QRMatrix(encoding: url, level: .medium))
        #expect(matrix.width % 2 == 1)
        let block = QRBlock(matrix)
        let grid = Q.modules(of: block)
        let side = matrix.width + 2 * QRBlock.quietZone
        #expect(grid.count == side + 1)  // an odd side: one extra light row in the last cell
        #expect(block.lines.allSatisfy { $0.unicodeScalars.count == side })
        for y in 0..<grid.count {
            for x in 0..<side {
                let inside = x >= 2 && y >= 2 && x < side - 2 && y < side - 2
                #expect(grid[y][x] == (inside && matrix[x - 2, y - 2]), "module \(x),\(y)")
            }
        }
        // The finder pattern's corner sits right after the quiet zone.
        #expect(grid[2][2] && !grid[1][2] && !grid[2][1])
    }

    // MARK: Cache

    @Test func redrawingDoesNotReEncode() {
        let cache = QRMatrixCache()
        let first = renderFullScreenQR(url: Q.longestSandboxURL, caption: "£12.50 · Esc back",
                                       size: Size(width: 80, height: 24), cache: cache)
        let encoded = cache.encodings
        #expect(encoded == 3)  // H and Q do not fit 80×24, M does
        for _ in 0..<10 {
            #expect(renderFullScreenQR(url: Q.longestSandboxURL, caption: "£12.50 · Esc back",
                                       size: Size(width: 80, height: 24), cache: cache) == first)
        }
        #expect(cache.encodings == encoded)
        _ = QRBlock.fitting(Q.sandboxURL, in: Size(width: 80, height: 23), cache: cache)
        #expect(cache.encodings > encoded)
    }

    @Test func cacheIsSharedSafelyAcrossTasks() async {
        let cache = QRMatrixCache(capacity: 4)
        let urls = (0..<8).map { Q.sandboxURL + String($0) }
        let widths = await withTaskGroup(of: Int.self) { group in
            for i in 0..<64 {
                group.addTask { cache.matrix(for: urls[i % urls.count], level: .medium)?.width ?? 0 }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(widths.count == 64)
        #expect(widths.allSatisfy { $0 == QRMatrix(encoding: Q.sandboxURL + "0", level: .medium)!.width })
    }

    // MARK: Drawing into a frame

    @Test func blockIsDrawnInTheQRStyleOrNotAtAll() throws {
        guard case .fits(let block) = QRBlock.fitting(Q.sandboxURL, in: Size(width: 60, height: 30),
                                                      cache: QRMatrixCache()) else {
            Issue.record("the sandbox URL fits 60×30")
            return
        }
        var frame = Frame(size: Size(width: 60, height: 30))
        let drawn = frame.draw(block, at: Point(x: 3, y: 1))
        #expect(drawn)
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let inside = x >= 3 && x < 3 + block.size.width && y >= 1 && y < 1 + block.size.height
                #expect((frame[x, y].style.role == .qrCode) == inside)
            }
        }
        // Anywhere it would be clipped, nothing is drawn.
        for origin in [Point(x: 60 - block.size.width + 1, y: 0), Point(x: 0, y: 30 - block.size.height + 1),
                       Point(x: -1, y: 0)] {
            var other = Frame(size: Size(width: 60, height: 30))
            let drawn = other.draw(block, at: origin)
            #expect(!drawn)
            #expect(other == Frame(size: Size(width: 60, height: 30)))
        }
    }

    @Test func qrStyleIsItsOwnRoleAndReversedWithoutColour() {
        #expect(Style.qrCode.role == .qrCode)
        var style: Style = [.bold, .qrCode]
        #expect(style.role == .qrCode && style.contains(.bold))
        style.role = .accent
        #expect(style.role == .accent)
        #expect(Style.qrCode.monochrome == .reverse)
        #expect(Style.Role.allCases.allSatisfy { Style(role: $0).role == $0 })
    }

    // MARK: Full screen

    @Test func fullScreenAtTheStandardSizes() {
        let caption = "£12.50 · Esc back"
        for size in standardSizes {
            let frame = renderFullScreenQR(url: Q.longestSandboxURL, caption: caption, size: size, cache: QRMatrixCache())
            expectFrame(frame, "qr-sandbox.\(size.width)x\(size.height)")
            let spanish = renderFullScreenQR(url: Q.longestSandboxURL, caption: "£12.50 · Esc volver", size: size,
                                             cache: QRMatrixCache(), language: .spanish)
            expectFrame(spanish, "es/qr-sandbox.\(size.width)x\(size.height)")
        }
    }

    @Test func fullScreenTooSmallSaysWhatItNeeds() {
        let frame = renderFullScreenQR(url: Q.longestSandboxURL, caption: "£12.50 · Esc back",
                                       size: Size(width: 40, height: 12), cache: QRMatrixCache())
        expectFrame(frame, "qr-too-small.40x12")
        let spanish = renderFullScreenQR(url: Q.longestSandboxURL, caption: "£12.50 · Esc volver",
                                         size: Size(width: 40, height: 12), cache: QRMatrixCache(), language: .spanish)
        expectFrame(spanish, "es/qr-too-small.40x12")
        #expect(frame.text().contains("41×22"))
        #expect(frame.cells.allSatisfy { $0.style.role != .qrCode })
    }

    @Test(arguments: [(Size(width: 80, height: 24), QRErrorCorrection.medium, 6),
                      (Size(width: 120, height: 40), .high, 10)])
    func fullScreenIsTheCodeCentredAndOneCaption(size: Size, level: QRErrorCorrection, version: Int) throws {
        let caption = "£12.50 · Esc back"
        let frame = renderFullScreenQR(url: Q.longestSandboxURL, caption: caption, size: size, cache: QRMatrixCache())
        let codeRows = (0..<frame.height).filter { y in (0..<frame.width).contains { frame[$0, y].style.role == .qrCode } }
        let codeColumns = (0..<frame.width).filter { x in (0..<frame.height).contains { frame[x, $0].style.role == .qrCode } }
        let block = QRBlock(try #require(QRMatrix(encoding: Q.longestSandboxURL, level: level)))
        #expect(block.version == version)
        #expect(codeRows.count == block.size.height && codeColumns.count == block.size.width)
        let top = try #require(codeRows.first), left = try #require(codeColumns.first)
        // Centred: code plus caption vertically, the code horizontally (within a cell).
        #expect(abs(top - (frame.height - codeRows.count - 1 - top)) <= 1)
        #expect(abs(left - (frame.width - codeColumns.count - left)) <= 1)
        for (i, line) in block.lines.enumerated() {
            #expect(String(frame.row(top + i).dropFirst(left).prefix(block.size.width)) == line)
        }
        // Nothing else but the caption, on the row right under the code.
        let captionRow = top + block.size.height
        #expect(frame.row(captionRow).trimmingCharacters(in: .whitespaces) == caption)
        for y in 0..<frame.height where !codeRows.contains(y) && y != captionRow {
            #expect(frame.row(y).allSatisfy { $0 == " " }, "row \(y) is blank")
        }
    }

    @Test func aLongCaptionIsCutAndAHostileOneIsSanitized() {
        let caption = "\u{1B}[2J" + String(repeating: "wide 漢字 ", count: 20)
        let frame = renderFullScreenQR(url: Q.sandboxURL, caption: caption, size: Size(width: 80, height: 24),
                                       cache: QRMatrixCache())
        let row = frame.row(23).trimmingCharacters(in: .whitespaces)
        #expect(row.hasSuffix("…"))
        #expect(row.contains("[2Jwide 漢字"))
        #expect(!frame.text().contains("\u{1B}"))
    }
}
