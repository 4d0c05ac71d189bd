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
}
