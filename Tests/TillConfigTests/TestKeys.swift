import Foundation

/// Test keys are built at run time so no key-shaped literal is committed.
enum TestKeys {
    static func random(prefix: String = "sk_test_", length: Int = 24) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return prefix + String((0..<length).map { _ in alphabet.randomElement()! })
    }
}

/// A fresh temporary folder, removed by `cleanUp()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "till-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: path) }

    /// An environment whose HOME and XDG folders point inside this folder.
    var environment: [String: String] {
        ["HOME": path + "/home", "XDG_CONFIG_HOME": path + "/config", "XDG_STATE_HOME": path + "/state"]
    }
}
