import Foundation
import Logging
import WooshPaySandbox

/// The sandbox `till` runs in process when no key is configured. It prefers one fixed loopback
/// port, so the cashier URLs of sessions made in an earlier run (and the default success/cancel
/// pages) keep working after a restart.
public enum EmbeddedSandbox {
    /// The port tried first; 12111 is left to `till sandbox`.
    public static let preferredPort = 12112

    /// Start on 127.0.0.1:`preferredPort`, or on an ephemeral port when that one is taken (for
    /// instance by another Till), so several Tills can run at once.
    public static func start(databasePath: String, preferredPort: Int = preferredPort,
                             logger: Logger) async throws -> Sandbox {
        do {
            return try await Sandbox.start(SandboxConfiguration(
                host: "127.0.0.1", port: preferredPort, databasePath: databasePath))
        } catch {
            logger.info("sandbox port \(preferredPort) unavailable, using an ephemeral port: \(error)")
            return try await Sandbox.start(SandboxConfiguration(host: "127.0.0.1", port: 0, databasePath: databasePath))
        }
    }
}
