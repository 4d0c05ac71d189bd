import Foundation
import Testing
import TillCore
import TillTestSupport
@testable import TillStore

/// The helper executable built beside the tests (Tests/TillStoreExercise).
let exerciseBinary = builtBinary("till-store-exercise")

/// Eight processes on one store at once (one SQLite file; one PostgreSQL database), each parking,
/// resuming, discarding and appending to the journal: nothing is lost and no ticket is claimed twice.
@Suite struct ConcurrencyTests {
    @Test(arguments: StoreBackend.all)
    func eightProcessesLoseNothingAndNeverClaimATicketTwice(backend: StoreBackend) throws {
        let place = TemporaryPlace()
        let address = try backend.address(place.path)
        _ = try backend.open(place.path)  // created (and migrated) once, before the race
        let start = place.path + "/go"
        let processes = 8, operations = 200
        var running: [BackgroundProcess] = []
        for index in 0..<processes {
            running.append(try BackgroundProcess(exerciseBinary, [address, "T\(index)", String(operations), start],
                                                 environment: ProcessInfo.processInfo.environment))
        }
        FileManager.default.createFile(atPath: start, contents: Data())
        var lines: [String] = []
        for process in running {
            // A process killed by a signal fails the test (finish throws), as does any exit but 0.
            #expect(try process.finish(timeout: 600) == 0, "\(process.stderr)")
            lines += process.stdout.split(separator: "\n").map(String.init)
        }
        #expect(lines.filter { $0.hasPrefix("error") } == [])
        let parked = Set(lines.filter { $0.hasPrefix("parked ") }.map { String($0.dropFirst(7)) })
        let claims = lines.filter { $0.hasPrefix("claimed ") }.map { String($0.dropFirst(8)) }
        let journal = lines.filter { $0.hasPrefix("journal ") }.map { String($0.dropFirst(8)) }
        #expect(parked.count == processes * operations / 4)
        #expect(journal.count == processes * operations / 4)
        // No double claims: each ticket was claimed by one process at most.
        #expect(claims.count == Set(claims).count)
        #expect(Set(claims).isSubset(of: parked))
        // Nothing lost: every ticket parked is either claimed or still parked, and the journal holds every entry.
        let store = try backend.open(place.path)
        let left = Set(try store.parkedTickets(account: "acct").map(\.id))
        #expect(left.isDisjoint(with: claims))
        #expect(left.union(claims) == parked)
        #expect(Set(try store.journal(account: "acct").entries.map(\.idempotencyKey)) == Set(journal))
        // Claims were made (the counts above are not all of parks and journal entries alone).
        #expect(!claims.isEmpty)
    }
}
