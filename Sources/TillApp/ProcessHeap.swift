import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How the till's process asks glibc's allocator to hand freed heap back (issue 29, see
/// docs/performance.md, "Where the real till's memory goes").
///
/// By default glibc raises its mmap threshold to the largest block freed so far (up to 32 MiB)
/// and its trim threshold to twice that. The catalog's buffers are several MiB each, so after the
/// price sync a thread arena kept its top free chunk (up to ~19 MiB) resident, and `malloc_trim`
/// never shrinks a thread arena's top. Fixed thresholds turn that adjustment off: blocks of 4 MiB
/// and more get their own mapping (given back when freed), and an arena's top above 1 MiB is
/// returned as soon as a large block is freed. Measured on a release till with 100,000 products:
/// private memory 49–54 → 44 MiB, first and cached start alike.
public enum ProcessHeap {
    /// Blocks this large and larger are mapped on their own (`M_MMAP_THRESHOLD`).
    public static let mmapThreshold = 4 << 20
    /// Free memory above this at an arena's top is returned (`M_TRIM_THRESHOLD`).
    public static let trimThreshold = 1 << 20

    /// Sets both thresholds for the rest of the process. True when glibc took them; false where
    /// the allocator is not glibc's, or where whoever started the till tuned malloc themselves
    /// (`MALLOC_*_` variables or glibc's malloc tunables): nothing changes then.
    @discardableResult
    public static func returnFreedMemoryPromptly(
        environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        if userTunedMalloc(environment) { return false }
        #if canImport(Glibc)
        // malloc.h is not in Glibc's Swift module, so glibc's mallopt is looked up by name.
        typealias SetOption = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: SetOption.self)
        let mTrimThreshold: Int32 = -1, mMmapThreshold: Int32 = -3
        return mallopt(mMmapThreshold, Int32(mmapThreshold)) == 1 && mallopt(mTrimThreshold, Int32(trimThreshold)) == 1
        #else
        return false
        #endif
    }

    /// Whether the environment already sets glibc's malloc options, which a till must not override.
    static func userTunedMalloc(_ environment: [String: String]) -> Bool {
        environment.keys.contains { $0.hasPrefix("MALLOC_") && $0.hasSuffix("_") }
            || (environment["GLIBC_TUNABLES"]?.contains("glibc.malloc.") ?? false)
    }
}
