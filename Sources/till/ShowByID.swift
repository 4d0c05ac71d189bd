import ArgumentParser

/// A command that reads one object by its id and shows it (`till products get ID`,
/// `till sessions get|items ID`, `till refunds get ID`); `Target` names it and does the reading.
struct ShowByID<Target: ShownByID>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Target.commandName, abstract: Target.abstract)
    }
    @OptionGroup var global: GlobalOptions
    @Argument var id: String

    func validate() throws { try validateID(id) }

    func run() async throws {
        try await CommandRunner.run(global) { runner in try await Target.show(id, runner) }
    }
}

/// What one `ShowByID` command is called, and how it reads and shows the object.
protocol ShownByID {
    /// The subcommand's name: "get" unless it says otherwise.
    static var commandName: String { get }
    static var abstract: String { get }
    static func show(_ id: String, _ runner: CommandRunner) async throws
}

extension ShownByID {
    static var commandName: String { "get" }
}
