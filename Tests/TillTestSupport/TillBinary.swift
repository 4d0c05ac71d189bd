import Foundation

/// The built `till` (`.build/<triple>/debug/till`): next to the running test executable, or a few
/// folders up from it.
public let tillBinary = builtBinary("till")

/// An executable of this package built beside the tests (`till`, `till-store-exercise`).
public func builtBinary(_ name: String) -> String {
    var candidates: [URL] = []
    for start in [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap({ $0 }) {
        var folder = start.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent(name))
            folder.deleteLastPathComponent()
        }
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }?.path
        ?? candidates[0].path
}
