import Foundation
import Testing
import TillCore
@testable import TillView

/// Render cost with 100,000 products. Timing is only measured when TILL_BENCH=1 (figures go in
/// docs/performance.md); without it the test still checks that a big products renders the same
/// visible rows as a small one would.
@Suite("render with 100,000 products")
struct RenderBenchmark {
    static let size = Size(width: 80, height: 24)

    static func bigCatalog() -> AppState {
        Fixtures.loaded(Fixtures.products(100_000))
    }

    @Test func bigCatalogRendersOnlyTheWindow() {
        var state = Self.bigCatalog()
        Fixtures.send(&state, .products(.selectionMoved(.pageDown(rows: 16))), .products(.selectionMoved(.down)))
        let frame = render(state, size: Self.size)
        #expect(frame.text().contains("100,000 products"))
        // A page moves the window with the selection (rows 16...31), then one down stays inside it.
        #expect(frame.row(5).hasPrefix("  Product 99984"))
        #expect(frame.row(6).hasPrefix("> Product 99983"))
        #expect(frame.row(20).hasPrefix("  Product 99969"))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["TILL_BENCH"] == "1"))
    func timings() {
        var state = Self.bigCatalog()
        Fixtures.send(&state, .products(.selectionMoved(.pageDown(rows: 5_000))))
        let rounds = 2_000

        func measure(_ label: String, _ step: (inout AppState, Int) -> Void) -> String {
            var samples: [Double] = []
            samples.reserveCapacity(rounds)
            var sink = 0
            for i in 0..<rounds {
                step(&state, i)
                let start = ContinuousClock.now
                let frame = render(state, size: Self.size)
                let elapsed = ContinuousClock.now - start
                sink &+= frame.cells.count
                samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            }
            samples.sort()
            let p50 = samples[rounds / 2], p99 = samples[rounds * 99 / 100]
            return "\(label): render p50 \(String(format: "%.1f", p50)) µs, p99 \(String(format: "%.1f", p99)) µs (\(sink > 0 ? rounds : 0) frames)"
        }

        var lines: [String] = []
        lines.append(measure("cursor move") { state, i in
            Fixtures.send(&state, .products(.selectionMoved(i % 2 == 0 ? .down : .up)))
        })
        lines.append(measure("page down") { state, _ in
            Fixtures.send(&state, .products(.selectionMoved(.pageDown(rows: 16))))
        })
        var filtered = state
        Fixtures.send(&filtered, .products(.filterStarted), .products(.filterEdited(.inserted("product 1"))))
        state = filtered
        lines.append(measure("filter showing ~11,000 of 100,000 (render only)") { _, _ in })
        lines.append(measure("no-op (same state)") { _, _ in })
        print(lines.joined(separator: "\n"))
    }
}
