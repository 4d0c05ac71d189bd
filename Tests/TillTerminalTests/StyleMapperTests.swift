import CNcurses
import Testing
import TillView
@testable import TillTerminal

@Suite("Style mapping: roles to colour pairs and attributes")
struct StyleMapperTests {
    @Test func qrCodeIsBlackOnWhiteWithColours() {
        let colours = StyleMapper.colors(for: .qrCode)
        #expect(colours.foreground == Int16(COLOR_BLACK))
        #expect(colours.background == Int16(COLOR_WHITE))
        let (attributes, pair) = StyleMapper(colors: true).attributes(for: .qrCode)
        #expect(pair == Int16(Style.Role.qrCode.rawValue + 1))
        // Not reversed on top of the explicit pair, or the code would come out inverted.
        #expect(attributes & till_a_reverse() == 0)
    }

    @Test func qrCodeIsReverseVideoWithoutColours() {
        let (attributes, pair) = StyleMapper(colors: false).attributes(for: .qrCode)
        #expect(pair == 0)
        #expect(attributes & till_a_reverse() != 0)
    }

    @Test func otherRolesKeepTheTerminalsBackground() {
        for role in Style.Role.allCases where role != .qrCode {
            #expect(StyleMapper.colors(for: role).background == -1, "\(role)")
        }
    }
}
