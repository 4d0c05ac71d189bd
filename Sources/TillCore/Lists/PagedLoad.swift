import Foundation

/// A list asked of WooshPay page after page (`starting_after`), as one value: where the load
/// stands, the cursor of the page it waits for (an answer for any other cursor is stale and
/// dropped), and, when the list is swapped in only once complete, what the pages brought so far.
/// The products load, the price sync, History and Reports each keep one.
public struct PagedLoad<Item: PageItem>: Hashable, Sendable {
    /// How pages reach the list.
    public enum Mode: Hashable, Sendable {
        /// Each page goes straight into the list shown (nothing was shown, or pages merge in).
        case append
        /// Pages collect in `incoming`; the last one swaps it in, so what is shown stays until then.
        case swap
    }

    /// Whether pages are arriving, or the last load failed.
    public internal(set) var phase: LoadPhase
    /// The cursor of the page being waited for (nil: the first page).
    var awaitedCursor: String?
    public internal(set) var mode: Mode
    /// What a swapping load received so far (empty while appending).
    var incoming: Item.Incoming

    /// A load not started yet; `mode` is how it will take pages unless told otherwise at its start.
    public init(_ mode: Mode = .swap) {
        phase = .idle
        awaitedCursor = nil
        self.mode = mode
        incoming = Item.Incoming()
    }

    public var isLoading: Bool { phase == .loading }

    /// Asks for the first page, dropping what a load in flight collected. Returns whether one was
    /// in flight (its request is then to be cancelled).
    mutating func start(_ mode: Mode) -> Bool {
        let wasLoading = isLoading
        phase = .loading
        awaitedCursor = nil
        incoming = Item.Incoming()
        self.mode = mode
        return wasLoading
    }

    /// Whether the answer to the request made with `startingAfter` is the one awaited.
    func awaits(_ startingAfter: String?) -> Bool {
        isLoading && startingAfter == awaitedCursor
    }

    /// A page was taken and another follows it: the answer for `cursor` is the one awaited now.
    mutating func awaitPage(after cursor: String) {
        awaitedCursor = cursor
    }

    /// The last page was taken: the load ends, handing over what a swapping load collected.
    mutating func finish() -> Item.Incoming {
        phase = .idle
        awaitedCursor = nil
        let collected = incoming
        incoming = Item.Incoming()
        return collected
    }

    /// The load failed: what it collected is dropped.
    mutating func fail(_ failure: APIFailure) {
        phase = .failed(failure)
        awaitedCursor = nil
        incoming = Item.Incoming()
    }

    /// Stops the load with no answer (what it loaded no longer fits). Returns whether one was in flight.
    mutating func stop() -> Bool {
        let wasLoading = isLoading
        phase = .idle
        awaitedCursor = nil
        incoming = Item.Incoming()
        return wasLoading
    }
}

/// An item of a paged list, and what a swapping load of it collects its pages into.
public protocol PageItem: Hashable, Sendable {
    associatedtype Incoming: Hashable & Sendable & PageBuffer = [Self]
}

/// An empty value to collect pages into.
public protocol PageBuffer {
    init()
}

extension Array: PageBuffer {}
extension CatalogPrices: PageBuffer {}

extension CheckoutSession: PageItem {}
extension Price: PageItem {
    /// The price sync collects active prices per product, as the catalog keeps them.
    public typealias Incoming = CatalogPrices
}
