// swift-tools-version:6.1
import PackageDescription

let nio = "swift-nio"

let package = Package(
    name: "Till",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "till", targets: ["till"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // NIOHTTPTypes (the sandbox's HTTP/1 ↔ HTTPTypes bridge); Hummingbird depends on it already.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/pointfreeco/swift-custom-dump", from: "1.7.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // C libraries, reached through shim headers (see each module.modulemap).
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // Async-signal-safe handlers that restore the terminal on every exit (plain C on purpose).
        .target(name: "CTillSignals"),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        // The pure model and reducer: Foundation only, no I/O.
        .target(name: "TillCore"),
        // (state, size) -> Frame, pure (QR encoding with libqrencode is pure computation too).
        .target(name: "TillView", dependencies: ["TillCore", "CQREncode"]),
        // The WooshPay HTTP adapter: client, wire types, errors, retries.
        .target(name: "WooshPay", dependencies: [
            "TillCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: nio),
            .product(name: "NIOHTTP1", package: nio),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The embedded WooshPay-compatible server.
        .target(name: "WooshPaySandbox", dependencies: [
            "TillCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: nio),
            // The reason phrases the HTTP/1 encoder writes, for the responses RawReads writes itself.
            .product(name: "NIOHTTP1", package: nio),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's C API, to read a GET's columns straight into the response (see RowBytes).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            // Webhook delivery to the endpoints an operator added.
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        // A catalog in bulk: CSV files read and written (yaslab/CSV.swift), an import planned against
        // what the account has, then run through the client.
        .target(name: "TillCatalog", dependencies: [
            "TillCore", "WooshPay",
            .product(name: "CSV", package: "CSV.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Till's own configuration: XDG paths, config.toml, settings, the log handlers.
        .target(name: "TillConfig", dependencies: [
            "TillCore", "WooshPay",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The shop store: everything Till keeps beside the API, for every till of the shop (SQLite,
        // or PostgreSQL for tills on several hosts).
        .target(name: "TillStore", dependencies: [
            "TillCore", "TillConfig",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: nio),
            .product(name: "NIOPosix", package: nio),
            .product(name: "NIOConcurrencyHelpers", package: nio),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
            // Operators' PINs are kept only as a salted scrypt hash.
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // The ncurses backend and the effect runtime; given a ready client and the account's storage.
        .target(name: "TillTerminal", dependencies: [
            "TillCore", "TillView", "TillConfig", "TillStore", "CNcurses", "CTillSignals", "CQREncode", "WooshPay",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The composition root `till` owns: chooses the account, starts the embedded sandbox, wires the TUI.
        .target(name: "TillApp", dependencies: [
            "TillCore", "TillConfig", "TillStore", "TillTerminal", "TillView", "WooshPay", "WooshPaySandbox",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "till", dependencies: [
            "TillApp", "TillCatalog", "TillConfig", "TillStore", "TillCore", "TillView", "TillTerminal", "WooshPay", "WooshPaySandbox",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Every figure in docs/performance.md in one run (Benchmarks/run); not part of `swift test`.
        .executableTarget(name: "till-bench", dependencies: [
                              "TillApp", "TillCatalog", "TillConfig", "TillStore", "TillTerminal", "TillCore", "TillView", "WooshPay",
                              "WooshPaySandbox",
                              .product(name: "GRDB", package: "GRDB.swift"),
                              .product(name: "Logging", package: "swift-log"),
                          ],
                          path: "Benchmarks/till-bench", exclude: []),

        // The test targets' one toolkit: the tmux harness, the process runner, the `till` locator,
        // temporary homes and test keys (a library only the test targets depend on).
        .target(name: "TillTestSupport", dependencies: [
            // A webhook receiver for the delivery tests.
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Tests/TillTestSupport"),

        .testTarget(name: "TillCoreTests", dependencies: [
            "TillCore",
            .product(name: "PropertyBased", package: "swift-property-based"),
            .product(name: "CustomDump", package: "swift-custom-dump"),
        ]),
        .testTarget(name: "TillViewTests", dependencies: ["TillView", "TillCore", "TillTestSupport"], exclude: ["Frames"]),
        .testTarget(name: "TillTerminalTests", dependencies: [
            "TillTerminal", "TillConfig", "TillStore", "TillCore", "WooshPay", "WooshPaySandbox", "TillTestSupport",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // One till of TillStoreTests' multi-process test (not shipped).
        .executableTarget(name: "till-store-exercise", dependencies: ["TillStore", "TillCore"], path: "Tests/TillStoreExercise"),
        .testTarget(name: "TillStoreTests", dependencies: [
            "TillStore", "TillCore", "TillConfig", "TillTerminal", "TillTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "TillCatalogTests", dependencies: ["TillCatalog", "TillCore", "WooshPay"]),
        .testTarget(name: "TillConfigTests", dependencies: ["TillConfig", "TillCore", "WooshPay", "TillTestSupport"]),
        .testTarget(name: "TillAppTests", dependencies: [
            "TillApp", "TillConfig", "TillStore", "TillTerminal", "TillView", "TillCore", "WooshPay", "WooshPaySandbox",
            "TillTestSupport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "WooshPayTests", dependencies: ["WooshPay", "WooshPaySandbox", "TillCore", "TillTestSupport"]),
        .testTarget(name: "WooshPaySandboxTests", dependencies: [
            "WooshPaySandbox", "TillTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: nio),
            .product(name: "NIOHTTP1", package: nio),
        ]),
        // `till` itself too, for its word tables and language choice (@testable).
        .testTarget(name: "TillCLITests", dependencies: [
            "till", "WooshPay", "WooshPaySandbox", "TillCore", "TillView", "TillConfig", "TillCatalog", "TillStore",
            "TillTestSupport",
        ]),
    ]
)
