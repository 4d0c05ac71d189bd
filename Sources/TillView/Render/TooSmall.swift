import TillCore

/// Below the minimum size: a centred message saying what is needed (and LIVE, if it is).
enum TooSmall {
    static func draw(_ state: AppState, into frame: inout Frame) {
        var area = frame.bounds
        guard !area.isEmpty else { return }
        if state.environment.mode == .live && area.height >= 3 {
            let badge = " LIVE "
            let x = max(0, (area.width - displayWidth(badge)) / 2)
            Chrome.drawBadge(.live, x: x, y: 0, into: &frame)
            area = Rect(x: 0, y: 1, width: area.width, height: area.height - 1)
        }
        let need = Layout.minimumSize
        let message = ScreenPhrase.tooSmall.text(state.settings.language, "need", "\(need.width)×\(need.height)",
                                                 "have", "\(max(0, frame.width))×\(max(0, frame.height))")
        frame.centered(message, in: area, style: .bold)
    }
}
