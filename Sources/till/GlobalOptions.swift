import ArgumentParser
import TillCore

/// `--language auto|en|es`.
extension LanguageSetting: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { ["auto", "en", "es"] }
}

/// `--language`, which every command that speaks takes.
struct LanguageOption: ParsableArguments {
    @Option(help: "auto, en or es (default: language in config.toml, else auto: LC_ALL, LC_MESSAGES, LANG).")
    var language: LanguageSetting?
}

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

    @OptionGroup var languageChoice: LanguageOption
}
