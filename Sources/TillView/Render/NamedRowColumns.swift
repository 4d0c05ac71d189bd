import Foundation
import TillCore

/// The column layout the products and prices lists share:
/// marker(2) text  figure  status  created  [id on wide screens]  margin(1).
/// The text column takes whatever width the fixed columns leave.
struct NamedRowColumns {
    static let statusWidth = 8, createdWidth = 16

    let text: Int, textWidth: Int
    let figure: Int, figureWidth: Int
    let status: Int, created: Int
    let id: Int?, idWidth: Int

    init(_ rect: Rect, figureWidth: Int, wideIDWidth: Int) {
        let wide = rect.width >= 110
        self.figureWidth = figureWidth
        idWidth = wide ? wideIDWidth : 0
        let fixed = 2 + (2 + figureWidth) + (2 + Self.statusWidth) + (2 + Self.createdWidth)
            + (wide ? 2 + idWidth : 0) + 1
        text = rect.x + 2
        textWidth = max(4, rect.width - fixed)
        figure = text + textWidth + 2
        status = figure + figureWidth + 2
        created = status + Self.statusWidth + 2
        id = wide ? created + Self.createdWidth + 2 : nil
    }

    /// The headings row: `text` and `figure` name the pane's own two columns.
    func drawHeadings(_ text: ScreenPhrase, _ figure: ScreenPhrase, y: Int, language: Language, into frame: inout Frame) {
        frame.text(text.text(language), x: self.text, y: y, width: textWidth, style: .bold)
        frame.text(figure.text(language), x: self.figure, y: y, width: figureWidth, style: .bold, align: .right)
        frame.text(ScreenPhrase.colStatus.text(language), x: status, y: y, width: Self.statusWidth, style: .bold)
        frame.text(ScreenPhrase.colCreated.text(language), x: created, y: y, width: Self.createdWidth, style: .bold)
        if let id { frame.text(ScreenPhrase.colID.text(language), x: id, y: y, width: idWidth, style: .bold) }
    }

    /// One item's row: its text, figure, active or archived, created date and (when wide) id.
    func drawRow(_ text: String, figure: String, active: Bool, created: Date, id: String, y: Int, style: Style,
                 language: Language, into frame: inout Frame) {
        frame.text(text, x: self.text, y: y, width: textWidth, style: style)
        frame.text(figure, x: self.figure, y: y, width: figureWidth, style: style, align: .right)
        frame.text((active ? ScreenPhrase.active : .archived).text(language), x: status, y: y,
                   width: Self.statusWidth, style: style)
        frame.text(formatUTC(created), x: self.created, y: y, width: Self.createdWidth, style: style)
        if let column = self.id { frame.text(id, x: column, y: y, width: idWidth, style: style) }
    }
}
