import Foundation
import TillCore
import TillView

// Measures the catalog filter: 100,000 products, one filter keystroke at a time, sent through the
// app reducer exactly as the terminal sends them. Run: swift run -c release bench-core

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func format(_ value: Double) -> String { String(format: "%.3f", value) }

func run() {
    let count = 100_000
    let words = ["Coffee", "Crème brûlée", "Tea", "Bagel", "Croissant", "Müsli", "Smoothie", "Panini",
                 "Soup", "Salad", "Espresso", "Flat white", "Juice", "Cookie", "Brownie", "Café au lait"]
    let adjectives = ["large", "small", "organic", "vegan", "iced", "hot", "double", "gluten-free", "Ünïcode"]
    let epoch = Date(timeIntervalSince1970: 1_700_000_000)
    let products = (0..<count).map { i in
        Product(id: "prod_\(1_554_351_292_598_452_224 + i)",
                name: "\(adjectives[i % adjectives.count]) \(words[(i / 7) % words.count]) \(i)",
                description: i % 3 == 0 ? nil : "Item \(i) from the \(words[i % words.count].lowercased()) range",
                created: epoch.addingTimeInterval(Double(i)))
    }

    let reducer = AppReducer(listRows: Layout.listRows)
    let clock = ContinuousClock()
    var state = AppState(environment: EnvironmentInfo(mode: .sandbox, apiHost: "127.0.0.1"),
                         settings: Settings(successURL: "http://127.0.0.1/ok", cancelURL: "http://127.0.0.1/no"),
                         now: epoch)
    let indexTime = clock.measure {
        _ = reducer.reduce(into: &state, action: .products(.cacheLoaded(products)))
    }
    print("build search keys for \(count) products (cacheLoaded, once per load): \(format(milliseconds(indexTime))) ms")
    _ = reducer.reduce(into: &state, action: .products(.filterStarted))

    var widening: [Double] = []   // keystrokes that must scan all 100,000 keys
    var all: [Double] = []
    for _ in 0..<20 {
        for query in ["creme", "CAFÉ", "zzz", "prod_15543512925984", "organic muesli", "e", "X"] {
            for (n, character) in query.enumerated() {
                let t = milliseconds(clock.measure {
                    _ = reducer.reduce(into: &state, action: .products(.filterEdited(.inserted(String(character)))))
                })
                all.append(t)
                if n == 0 { widening.append(t) }
            }
            for _ in query {
                let t = milliseconds(clock.measure {
                    _ = reducer.reduce(into: &state, action: .products(.filterEdited(.deletedBackward)))
                })
                all.append(t)
                widening.append(t)
            }
        }
    }
    for (label, var times) in [("every keystroke", all), ("full scans (first key, Backspace)", widening)] {
        times.sort()
        let p = { (q: Double) in times[min(times.count - 1, Int(Double(times.count) * q))] }
        print("filter, \(label): n=\(times.count) p50 \(format(p(0.5))) ms, p99 \(format(p(0.99))) ms, max \(format(times.last!)) ms")
    }
    // The search alone, without the reducer around it, per query.
    let index = SearchIndex(products)
    for query in ["c", "creme", "CAFÉ", "zzz", "prod_15543512925984", "e"] {
        var times: [Double] = []
        var hits = 0
        for _ in 0..<30 { times.append(milliseconds(clock.measure { hits = index.matches(query).count })) }
        times.sort()
        print("SearchIndex.matches(\"\(query)\") alone: \(hits) hits, p50 \(format(times[15])) ms, max \(format(times.last!)) ms")
    }
    print("visible at the end: \(state.products.visible.count) of \(count)")
}

run()
