import Foundation
import Testing

/// Till in Spanish from its first screen: chosen by `--language es`, or by the locale when the
/// setting is `auto` (LANG=es_ES.UTF-8 with nothing set before it).
@Suite("End to end: the TUI in Spanish (tmux)", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end terminal tests are skipped"))
struct LanguageEndToEndTests {
    /// Starts till in a fresh HOME, waits for its first screen, and returns it.
    func firstScreen(arguments: String, environment extra: [String: String]) async throws -> String {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        return try await onThread { () throws -> String in
            var environment = home.environment
            environment.merge(extra) { $1 }
            try tmux.start(command: home.command(arguments: arguments), width: 80, height: 24, environment: environment)
            let screen = try tmux.waitFor(all: ["Productos", "Aún no hay productos"])
            try tmux.send("q")
            try tmux.waitFor(text: "TILL_EXIT=0")
            return screen
        }
    }

    @Test("till --language es: Spanish tabs, empty pane and hint bar on the first screen")
    func languageFlag() async throws {
        let screen = try await firstScreen(arguments: "--language es", environment: [:])
        for tab in ["1 Productos", "2 Precios", "3 Carrito", "4 Cobro", "5 Sesión", "6 Historial", "7 Informes"] {
            #expect(screen.contains(tab), "\(tab)")
        }
        #expect(screen.contains("? ayuda") && screen.contains("q salir"))
        #expect(!screen.contains("Products") && !screen.contains("No products yet"))
    }

    @Test("till display --language es: the customer display speaks Spanish")
    func displayInSpanish() async throws {
        let home = try TemporaryHome()
        let tmux = Tmux()
        defer {
            tmux.kill()
            home.remove()
        }
        try await onThread {
            // A till that has never written its display: the display says it is waiting for it.
            try tmux.start(command: home.command(arguments: "display --till counter --language es"), width: 80, height: 24,
                           environment: home.environment)
            try tmux.waitFor(text: "Esperando a la caja counter…")
            try tmux.send("q")
            try tmux.waitFor(text: "TILL_EXIT=0")
        }
    }

    @Test("LANG=es_ES.UTF-8 with language unset: Spanish from the first screen")
    func localeChoosesSpanish() async throws {
        let screen = try await firstScreen(arguments: "", environment: ["LANG": "es_ES.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""])
        #expect(screen.contains("1 Productos") && screen.contains("? ayuda"))
    }
}
