import Foundation
import Testing
import WooshPaySandbox

@Suite("Paging")
struct PagingTests {
    @Test func walk250ProductsBothWays() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            var created: [String] = []
            for n in 0..<250 { created.append(try await api.product("P\(n)").id) }
            let newestFirst = Array(created.reversed())

            // Forwards with starting_after.
            var seen: [String] = []
            var cursor: String? = nil
            var pages = 0
            while true {
                let page = try await api.get("/v1/products?limit=100" + (cursor.map { "&starting_after=\($0)" } ?? ""))
                #expect(page.status == 200)
                let ids = page.data.compactMap { $0["id"] as? String }
                seen += ids
                pages += 1
                guard page.hasMore == true, let last = ids.last else { break }
                cursor = last
            }
            #expect(pages == 3)
            #expect(seen == newestFirst)

            // Backwards with ending_before from the oldest.
            var back: [String] = []
            cursor = created.first
            back.append(created[0])
            while let before = cursor {
                let page = try await api.get("/v1/products?limit=30&ending_before=\(before)")
                let ids = page.data.compactMap { $0["id"] as? String }
                back = ids + back
                guard page.hasMore == true else { break }
                cursor = ids.first
            }
            #expect(back == newestFirst)

            let defaultPage = try await api.get("/v1/products")
            #expect(defaultPage.data.count == 10)
            #expect(defaultPage.hasMore == true)
            let last = try await api.get("/v1/products?starting_after=\(created[0])")
            #expect(last.data.isEmpty && last.hasMore == false)
        }
    }

    @Test func badPagingParameters() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            let id = try await api.product().id
            for query in ["limit=0", "limit=101", "limit=ten"] {
                let reply = try await api.get("/v1/products?\(query)")
                #expect(reply.status == 400 && reply.errorParam == "limit")
            }
            let both = try await api.get("/v1/products?starting_after=\(id)&ending_before=\(id)")
            #expect(both.status == 400)
            let unknown = try await api.get("/v1/checkout/sessions/list?starting_after=cs_1111111111111111111")
            #expect(unknown.status == 404 && unknown.errorParam == "starting_after")
        }
    }

    @Test func sessionsPageNewestFirst() async throws {
        try await withSandbox { sandbox in
            let api = API(base: sandbox.baseURL)
            var ids: [String] = []
            for _ in 0..<5 { ids.append(try await api.session(lineItems: [api.inlineItem()]).id) }
            let first = try await api.get("/v1/checkout/sessions/list?limit=3")
            #expect(first.data.map { $0["id"] as? String } == [ids[4], ids[3], ids[2]])
            #expect(first.hasMore == true)
            let second = try await api.get("/v1/checkout/sessions/list?limit=3&starting_after=\(ids[2])")
            #expect(second.data.map { $0["id"] as? String } == [ids[1], ids[0]])
            #expect(second.hasMore == false)
        }
    }
}
