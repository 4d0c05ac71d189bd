import Foundation
import TillCore
import TillView
#if canImport(Glibc)
import Glibc
#endif

/// The pure path, in process: TillCore's filter through the app reducer, and key map + reduce +
/// render of a whole 80×24 frame, with the generated 100k catalog (mixed scripts).
struct PureBench {
    var options: Options
    var report: Report

    static let epoch = Date(timeIntervalSince1970: Double(Catalog.newest))

    static func freshState(_ reducer: AppReducer, products: [Product]) -> AppState {
        var state = AppState(environment: EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1"),
                             settings: Settings(successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no"),
                             now: epoch)
        _ = reducer.reduce(into: &state, action: .catalog(.cacheLoaded(CatalogItems(products))))
        return state
    }

    func run() {
        let count = options.products
        let catalog = Catalog(count: count)
        let products = catalog.products
        let reducer = AppReducer(listRows: Layout.listRows)
        let clock = ContinuousClock()
        func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

        report.begin("filter (TillCore, \(grouped(Double(count))) products)", key: "filter")
        var state = AppState(environment: EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1"),
                             settings: Settings(successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no"),
                             now: PureBench.epoch)
        let items = CatalogItems(products)
        let load = ms(clock.measure { _ = reducer.reduce(into: &state, action: .catalog(.cacheLoaded(items))) })
        report.add("load", "catalog load into state (cacheLoaded, builds the search keys)", "\(f1(load)) ms")
        _ = reducer.reduce(into: &state, action: .products(.filterStarted))
        let rounds = options.quick ? 2 : 10
        // Types each query a character at a time, then deletes it again, timing every keystroke.
        func keystrokes(_ name: String, _ queries: [String], _ edit: (TextEdit) -> AppAction) {
            var times: [Double] = []
            for _ in 0..<rounds {
                for query in queries {
                    for character in query {
                        times.append(ms(clock.measure { _ = reducer.reduce(into: &state, action: edit(.inserted(String(character)))) }))
                    }
                    for _ in query {
                        times.append(ms(clock.measure { _ = reducer.reduce(into: &state, action: edit(.deletedBackward)) }))
                    }
                }
            }
            times.sort()
            report.add("p50", "\(name) keystroke through the reducer (\(times.count) keys), p50", "\(f3(percentile(times, 0.5))) ms")
            report.add("p99", "\(name) keystroke through the reducer, p99", "\(f3(percentile(times, 0.99))) ms",
                       goal: "≤ 5 ms", met: percentile(times, 0.99) <= 5)
        }
        keystrokes("filter", ["creme", "CAFÉ", "抹茶", "☕ mocha", "zzz", "latte 12", "e", "prod_0000"]) { .products(.filterEdited($0)) }

        // What happens once, not per keystroke: the first ranking after a load sorts the names; a
        // product made here with the filter open is ranked again with the name order kept.
        do {
            var fresh = PureBench.freshState(reducer, products: products)
            _ = reducer.reduce(into: &fresh, action: .products(.filterStarted))
            let first = ms(clock.measure { _ = reducer.reduce(into: &fresh, action: .products(.filterEdited(.inserted("l")))) })
            report.add("first", "first filter keystroke after a load (sorts the names)", "\(f1(first)) ms")
            _ = reducer.reduce(into: &fresh, action: .products(.filterEdited(.inserted("at"))))
            var made: [Double] = []
            for number in 0..<(options.quick ? 3 : 9) {
                let product = Product(id: "prod_made_\(number)", name: "Latte made here \(number)", created: PureBench.epoch)
                made.append(ms(clock.measure { _ = reducer.reduce(into: &fresh, action: .products(.productCreated(.success(product)))) }))
            }
            made.sort()
            report.add("made-here", "a product made here, filter \"lat\" open (ranked again, name order kept), median / max",
                       "\(f2(made[made.count / 2])) ms / \(f2(made[made.count - 1])) ms")
        }

        // Quick add ranks the same catalog (active products only) as the cart's line is typed.
        report.begin("quick add (TillCore, \(grouped(Double(count))) products)", key: "quickadd")
        _ = reducer.reduce(into: &state, action: .products(.filterCleared))
        _ = reducer.reduce(into: &state, action: .paneSelected(.cart))
        keystrokes("quick-add", ["latte", "fltw", "CAFÉ", "抹茶", "zzz", "e", "mocha 12"]) { .quickAdd(.edited($0)) }

        report.begin("key → reduce → render (pure, \(grouped(Double(count))) products, 80×24)", key: "view")
        state = PureBench.freshState(reducer, products: products)
        _ = reducer.reduce(into: &state, action: .products(.selectionMoved(.pageDown(rows: count / 2))))
        let size = Size(width: 80, height: 24)
        let context = KeyContext(now: PureBench.epoch, freshID: "f", size: size)
        let presses = options.quick ? 200 : 3_000
        func measure(_ row: String, _ label: String, _ key: Key?, alternate: Key? = nil) {
            var cpu: [Double] = []
            var wall: [Double] = []
            var sink = 0
            for round in 0..<presses {
                let key = (alternate != nil && round % 2 == 1) ? alternate : key
                var t0 = timespec(), t1 = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0)
                let start = clock.now
                if let key, let action = action(for: key, in: state, context: context) {
                    _ = reducer.reduce(into: &state, action: action)
                }
                let frame = render(state, size: size)
                wall.append(ms(clock.now - start) * 1000)
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1)
                sink &+= frame.cells.count
                cpu.append(Double(t1.tv_sec - t0.tv_sec) * 1e6 + Double(t1.tv_nsec - t0.tv_nsec) / 1e3)
            }
            cpu.sort(); wall.sort()
            if !label.isEmpty {
                report.add(row, label, "p50 \(f1(percentile(wall, 0.5))) µs, p99 \(f1(percentile(wall, 0.99))) µs "
                           + "(thread CPU p50 \(f1(percentile(cpu, 0.5))) µs, p99 \(f1(percentile(cpu, 0.99))) µs)")
            }
            if sink == 42 { print("") }
        }
        measure("", "", .char("j"))  // warm-up
        measure("move", "cursor move (j/k)", .char("j"), alternate: .char("k"))
        measure("page", "page down / page up", .pageDown, alternate: .pageUp)
        measure("noop", "no-op key (render only)", .char("z"))
        _ = reducer.reduce(into: &state, action: .products(.filterStarted))
        _ = reducer.reduce(into: &state, action: .products(.filterEdited(.inserted("latte"))))
        measure("filter", "filter keystroke (\" 1\" / Backspace on \"latte\")", .char("1"), alternate: .backspace)

        report.begin("full-screen QR code (TillView)", key: "qr")
        // The longest sandbox cashier URL: 112 characters (a 32-hex-digit publishable key).
        let url = "http://127.0.0.1:65535/c/pay/cs_test_9223372036854775807?key=pk_test_" + String(repeating: "0123456789abcdef", count: 2)
        for qrSize in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let rounds = options.quick ? 20 : 300
            func median(_ body: () -> Frame) -> Double {
                var samples: [Double] = []
                for _ in 0..<rounds { samples.append(ms(clock.measure { _ = body() })) }
                return samples.sorted()[rounds / 2]
            }
            let cold = median { renderFullScreenQR(url: url, caption: "£12.50 · Esc back", size: qrSize, cache: QRMatrixCache()) }
            let cache = QRMatrixCache()
            let warm = median { renderFullScreenQR(url: url, caption: "£12.50 · Esc back", size: qrSize, cache: cache) }
            report.add("\(qrSize.width)x\(qrSize.height)", "QR at \(qrSize.width)×\(qrSize.height): encoding every frame / cached, p50", "\(f2(cold)) ms / \(f2(warm)) ms")
        }
    }
}
