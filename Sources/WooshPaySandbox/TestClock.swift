import Foundation
import GRDB

/// `POST /v1/test_helpers/advance_clock {"seconds": N}`: moves one account's clock forward. The
/// offset is stored on the account row and added to the base clock for everything that account does.
enum TestClock {
    static let maxSeconds: Int64 = 10 * 365 * 24 * 60 * 60

    static func advance(_ db: Database, _ call: Call) throws -> JSON {
        guard let seconds = try call.params.integer("seconds", in: 0...maxSeconds) else { throw APIError.missing("seconds") }
        let offset = call.account.clockOffsetMilliseconds + seconds * 1000
        try db.cachedStatement(sql: "UPDATE accounts SET clock_offset_ms = ? WHERE id = ?").execute(arguments: [offset, call.account.id])
        call.wakes.raise()  // retries may have come due
        // What the new time makes happen (sessions expire, pending refunds settle) happens now, in
        // this transaction, so the reply can list it; webhook retries now due follow in the background.
        let emitted = try Sweeps.run(db, account: call.account.id, baseNow: call.baseNow, baseURL: call.baseURL)
        var object = JSONObject()
        object["object"] = .string("test_helpers.clock")
        object["now"] = .int(call.baseNow + offset)
        object["offset_seconds"] = .int(offset / 1000)
        object["events"] = .array(emitted.map(\.json))
        return object.json
    }
}
