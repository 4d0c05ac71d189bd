import TillConfig
import TillView

/// Reads keys.toml and remaps the default binding table with it, before the screen starts, so a
/// mistake is reported on the terminal (with its line) rather than hidden behind curses.
public enum KeysFileLoader {
    /// The table keys.toml at `path` makes; the defaults when there is no file.
    public static func load(path: String) throws(KeysFileError) -> BindingTable {
        guard let file = try KeysFile.read(at: path) else { return .standard }
        return try table(for: file, path: path)
    }

    /// The default table remapped by a parsed file; `path` names the file in errors.
    public static func table(for file: KeysFile, path: String) throws(KeysFileError) -> BindingTable {
        do {
            return try BindingTable.standard.remapped(by: file.entries)
        } catch {
            throw .binding(error.problem, path: path, line: error.line)
        }
    }
}
