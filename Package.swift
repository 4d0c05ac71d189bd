// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Till",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "till", targets: ["till"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
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
        // The WooshPay HTTP adapter.
        .target(name: "WooshPay", dependencies: [
            "TillCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The embedded WooshPay-compatible server.
        .target(name: "WooshPaySandbox", dependencies: [
            "TillCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The ncurses backend and the effect runtime.
        .target(name: "TillTerminal", dependencies: [
            "TillCore", "TillView", "CNcurses", "CTillSignals", "CQREncode", "WooshPay", "WooshPaySandbox",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Requests/s figures for the sandbox (docs/performance.md); loopback only.
        .executableTarget(name: "bench-sandbox", dependencies: [
            "WooshPaySandbox",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .executableTarget(name: "till", dependencies: [
            "TillCore", "TillView", "TillTerminal", "WooshPay", "WooshPaySandbox",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Terminal figures (docs/performance.md): drives Till and a C reference in a pseudo-terminal.
        .executableTarget(name: "bench-terminal", dependencies: [
                              "TillTerminal", "TillCore", "TillView", "WooshPay", "WooshPaySandbox",
                              .product(name: "GRDB", package: "GRDB.swift"),
                          ],
                          path: "Benchmarks/bench-terminal"),
        // Filter benchmark for TillCore: `swift run -c release bench-core`.
        .executableTarget(name: "bench-core", dependencies: ["TillCore"]),

        .testTarget(name: "TillCoreTests", dependencies: [
            "TillCore",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "TillViewTests", dependencies: ["TillView", "TillCore"], exclude: ["Frames"]),
        .testTarget(name: "TillTerminalTests", dependencies: ["TillTerminal", "TillCore", "WooshPay", "WooshPaySandbox"]),
        .testTarget(name: "WooshPayTests", dependencies: ["WooshPay", "WooshPaySandbox", "TillCore"]),
        .testTarget(name: "WooshPaySandboxTests", dependencies: [
            "WooshPaySandbox",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),
        .testTarget(name: "TillCLITests", dependencies: ["WooshPay", "WooshPaySandbox", "TillCore", "TillView"]),
    ]
)
