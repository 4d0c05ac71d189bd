import ArgumentParser

/// Options every scriptable subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("api-base"), help: "API base URL (default: WOOSHPAY_API_BASE, the config file, or the key's mode).")
    var apiBase: String?

    @Flag(help: "Print the API object or list as JSON on stdout, nothing else.")
    var json = false

    @Flag(help: "Allow changes with a live (sk_live_) key.")
    var live = false

    @Flag(help: "Log each request to stderr (the key redacted).")
    var verbose = false
}

extension GlobalOptions {
    /// `--api-base` as typed. When the root command (the TUI) declares `--api-base` as well,
    /// argument-parser hands the value to the root and leaves this one nil, so fall back to the
    /// command line itself (argument-parser has already checked its syntax).
    var resolvedAPIBase: String? {
        apiBase ?? Self.typedOption("--api-base", in: Array(CommandLine.arguments.dropFirst()))
    }

    /// The last value given for a long option (`--name value` or `--name=value`), up to a `--`.
    static func typedOption(_ name: String, in arguments: [String]) -> String? {
        var value: String? = nil
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            let argument = arguments[index]
            if argument == name, index + 1 < arguments.count {
                value = arguments[index + 1]
                index += 1
            } else if argument.hasPrefix(name + "=") {
                value = String(argument.dropFirst(name.count + 1))
            }
            index += 1
        }
        return value
    }
}
