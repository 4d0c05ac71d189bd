import TillCore
import Foundation
import Testing
@testable import TillView

/// What the QR cache saves per frame. Timed only with TILL_BENCH=1 (figures in docs/performance.md).
@Suite("QR render timings")
struct QRBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TILL_BENCH"] == "1"),
          arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func timings(size: Size) {
        let url = QRFixtures.longestSandboxURL
        let rounds = 500
        func median(_ body: () -> Frame) -> Double {
            var samples: [Double] = []
            for _ in 0..<rounds {
                let start = ContinuousClock.now
                let frame = body()
                let elapsed = ContinuousClock.now - start
                #expect(frame.width == size.width)
                samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            }
            return samples.sorted()[rounds / 2]
        }
        let cold = median { renderFullScreenQR(url: url, caption: "£12.50 · Esc back", size: size, cache: QRMatrixCache()) }
        let cache = QRMatrixCache()
        let warm = median { renderFullScreenQR(url: url, caption: "£12.50 · Esc back", size: size, cache: cache) }
        print("QR full screen \(size): encoding every frame p50 \(String(format: "%.0f", cold)) µs, "
            + "cached p50 \(String(format: "%.0f", warm)) µs")
    }
}
