import TillCore
/// The customer-facing screen: the payment URL as a QR code, as large an error correction as
/// the terminal allows, centred with one caption line beneath it ("£12.50 · Esc back") and
/// nothing else. When the terminal is too small for the code, a message saying the size it
/// needs takes the code's place; the code is never drawn clipped.
public func renderFullScreenQR(url: String, caption: String, size: Size, cache: QRMatrixCache = .shared,
                               language: Language = .english) -> Frame {
    var frame = Frame(size: size)
    guard !frame.bounds.isEmpty else { return frame }
    let captionLine = truncate(sanitize(caption), toWidth: frame.width)
    // The code gets every row but the caption's.
    let space = Size(width: frame.width, height: frame.height - 1)
    let body: [String]
    switch QRBlock.fitting(url, in: space, cache: cache) {
    case .fits(let block):
        let top = (frame.height - block.size.height - 1) / 2
        frame.draw(block, at: Point(x: (frame.width - block.size.width) / 2, y: top))
        drawCentered(captionLine, y: top + block.size.height, into: &frame)
        return frame
    case .needs(let needed):
        body = wordWrap(DisplayPhrase.qrNeeds.text(language, "need", "\(needed.width)×\(needed.height + 1)",
                                                   "have", "\(frame.width)×\(frame.height)"), toWidth: frame.width)
    case .unencodable:
        body = wordWrap(DisplayPhrase.qrTooLong.text(language), toWidth: frame.width)
    }
    // The message and the caption as one centred block; the caption always keeps its row.
    let shown = body.prefix(frame.height - 1)
    let top = (frame.height - shown.count - 1) / 2
    for (i, line) in shown.enumerated() {
        drawCentered(line, y: top + i, style: .bold, into: &frame)
    }
    drawCentered(captionLine, y: top + shown.count, into: &frame)
    return frame
}

private func drawCentered(_ line: String, y: Int, style: Style = [], into frame: inout Frame) {
    frame.put(line, x: max(0, (frame.width - displayWidth(line)) / 2), y: y, style: style)
}
