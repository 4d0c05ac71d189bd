import ArgumentParser
import Foundation
import TillApp
import TillConfig
import TillView

/// `till keys`: the key bindings in use (the defaults remapped by keys.toml), and a check of the
/// file without starting the screen.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "The key bindings in use, as keys.toml remaps them.",
        subcommands: [List.self, Check.self], defaultSubcommand: List.self)

    /// The table keys.toml makes, or exit 2 with the line at fault on stderr.
    static func table() throws -> (BindingTable, path: String) {
        let path = TillPaths().keysFile.path
        do {
            return (try KeysFileLoader.load(path: path), path)
        } catch {
            FileHandle.standardError.write(Data(("till: " + sanitize(Says.any(error)) + "\n").utf8))
            throw ExitCode(2)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Print every binding: table, action, keys (tab-separated).")

        func run() throws {
            let (table, _) = try KeysCommand.table()
            var out = ""
            for binding in table.all {
                out += "\(binding.scope.fileName)\t\(binding.name)\t\(binding.keyLabel)\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Check keys.toml (exit 2 naming the line of a mistake).")

        func run() throws {
            let (_, path) = try KeysCommand.table()
            let exists = FileManager.default.fileExists(atPath: path)
            print(path + ": " + (exists ? CLIPhrase.keysFileOK : CLIPhrase.keysFileNone).said)
        }
    }
}
