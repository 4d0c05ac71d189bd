import Testing
@testable import TillApp
#if canImport(Glibc)
import Glibc
#endif

#if canImport(Glibc)
/// glibc marks a block that has its own mapping with bit 1 of the size word just before it.
private func hasOwnMapping(_ block: UnsafeMutableRawPointer) -> Bool {
    (block - MemoryLayout<UInt>.size).load(as: UInt.self) & 2 != 0
}

@Suite("The till process's heap settings")
struct ProcessHeapTests {
    @Test("The mmap threshold is fixed at 4 MiB: freeing a large block no longer raises it")
    func thresholdsAreApplied() throws {
        #expect(ProcessHeap.returnFreedMemoryPromptly())
        // glibc's default would have raised the threshold to 6 MiB when the first block was
        // freed, so the second would come from an arena.
        let first = try #require(malloc(6 << 20))
        #expect(hasOwnMapping(first))
        free(first)
        let second = try #require(malloc(6 << 20))
        defer { free(second) }
        #expect(hasOwnMapping(second))
        // Below the threshold (the default 128 KiB would have mapped it on its own).
        let smaller = try #require(malloc(2 << 20))
        defer { free(smaller) }
        #expect(!hasOwnMapping(smaller))
    }

    @Test("Malloc settings the user made (MALLOC_*_ variables, glibc's malloc tunables) are left alone",
          arguments: [["MALLOC_MMAP_THRESHOLD_": "65536"], ["MALLOC_TRIM_THRESHOLD_": "0"],
                      ["MALLOC_ARENA_MAX": "2", "MALLOC_TOP_PAD_": "0"],
                      ["GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=65536"]])
    func userSettingsWin(environment: [String: String]) {
        #expect(!ProcessHeap.returnFreedMemoryPromptly(environment: environment))
    }

    @Test("Unrelated settings do not stop it")
    func otherSettingsDoNot() {
        #expect(!ProcessHeap.userTunedMalloc(["MALLOC_ARENA_MAX": "2", "GLIBC_TUNABLES": "glibc.rtld.optional_static_tls=512"]))
        #expect(ProcessHeap.returnFreedMemoryPromptly(environment: ["LANG": "C.UTF-8"]))
    }
}
#endif
