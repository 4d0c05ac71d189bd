import Foundation
import Testing
@testable import TillCore

@Suite("A paged load")
struct PagedLoadTests {
    @Test func onlyTheAwaitedPageIsTakenAndTheLastHandsOverWhatWasCollected() {
        var load = PagedLoad<CheckoutSession>()
        #expect(!load.awaits(nil))
        #expect(load.start(.swap) == false)
        #expect(load.awaits(nil) && !load.awaits("cs_1"))
        load.incoming.append(session("cs_1"))
        load.awaitPage(after: "cs_1")
        #expect(!load.awaits(nil) && load.awaits("cs_1"))
        load.incoming.append(session("cs_2"))
        #expect(load.finish().map(\.id) == ["cs_1", "cs_2"])
        #expect(load.phase == .idle && load.incoming.isEmpty && !load.awaits("cs_1"))
    }

    @Test func aNewStartOrAFailureDropsWhatWasCollected() {
        var load = PagedLoad<Price>()
        _ = load.start(.swap)
        load.incoming.append(coffeeLarge)
        // Starting again while loading says so, so the request in flight can be cancelled.
        #expect(load.start(.append) == true)
        #expect(load.incoming.isEmpty && load.mode == .append)
        load.incoming.append(coffeeLarge)
        load.fail(timedOut)
        #expect(load.phase == .failed(timedOut) && load.incoming.isEmpty && !load.awaits(nil))
        #expect(load.stop() == false && load.phase == .idle)
    }
}
