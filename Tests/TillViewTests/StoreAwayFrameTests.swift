import Foundation
import Testing
import TillCore
@testable import TillView

/// While the shop store is unreachable the header says so, whatever the status line says since.
@Suite struct StoreAwayFrameTests {
    @Test func theHeaderSaysTheStoreIsUnreachableUntilItIsBack() {
        var state = Fixtures.state()
        state.environment.till = "front"
        Fixtures.send(&state, .storeUnreachable(reason: "cannot reach the PostgreSQL server at shop-db:5432"))
        Fixtures.send(&state, .paneSelected(.cart))
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let header = render(state, size: size).row(0)
            #expect(header.contains("till front  STORE UNREACHABLE"), "\(header)")
        }
        Fixtures.send(&state, .storeReachable(saved: 2))
        #expect(!render(state, size: Size(width: 80, height: 24)).row(0).contains("UNREACHABLE"))
        #expect(render(state, size: Size(width: 80, height: 24)).text().contains("Shop store reachable again: 2 waiting changes saved."))
    }
}
