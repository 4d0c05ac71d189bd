import Foundation
import Testing
import TillCore
@testable import TillStore

/// The helper executable built beside the tests (Tests/TillStoreExercise).
let exerciseBinary: String = {
    var candidates: [URL] = []
    for start in [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])].compactMap({ $0 }) {
        var folder = start.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("till-store-exercise"))
            folder.deleteLastPathComponent()
        }
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path ?? candidates[0].path
}()

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
        var running: [(Process, Pipe)] = []
        for index in 0..<processes {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: exerciseBinary)
            process.arguments = [address, "T\(index)", String(operations), start]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            running.append((process, pipe))
        }
        FileManager.default.createFile(atPath: start, contents: Data())
        var lines: [String] = []
        for (process, pipe) in running {
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            // A process killed by a signal fails the test, as does any exit but 0.
            #expect(process.terminationReason == .exit && process.terminationStatus == 0)
            lines += String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
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
