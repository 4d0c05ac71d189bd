import Foundation
import GRDB
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers the API's GET requests on the connection's event loop, without Hummingbird's task:
/// the request is matched, read from SQLite (a WAL snapshot, microseconds) and answered on the
/// thread that read it from the socket. Through Hummingbird the same GET hops from the event loop
/// to the concurrency pool and back, and those wake-ups cost several times the SQL (see
/// docs/performance.md). Everything else (writes, the cashier, unknown paths, anything unusual)
/// is passed on untouched, and so is every request while the sandbox injects faults or latency.
/// Most plain GETs never reach it: `RawReads`, in front of the codec, answers them from the bytes;
/// this handler takes those `RawReads` leaves to the codec (extra query encodings, a response
/// still owed on the connection) and tells `RawReads` when the codec's responses end.
final class FastReads: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let engine: Engine
    private let routes: [ReadRoute]
    /// A GET taken here, answered when its end arrives.
    private var pending: (route: ReadRoute, id: String, query: [String: String], authorization: String?)?
    /// Requests passed on whose response has not ended: while any is, nothing is answered here,
    /// so responses never overtake each other on the connection.
    private var passedOn = 0
    /// Shared with the connection's `RawReads` (nil without one).
    private let ledger: CodecLedger?

    init(engine: Engine, routes: [ReadRoute], ledger: CodecLedger? = nil) {
        self.engine = engine
        self.routes = routes
        self.ledger = ledger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if passedOn == 0, request.method == .get, request.headerFields[.connection] == nil,
               let path = request.path, let match = FastReads.match(path, routes) {
                pending = (match.route, match.id, match.query, request.headerFields[.authorization])
                return
            }
            passedOn += 1
            context.fireChannelRead(data)
        case .body:
            if pending == nil { context.fireChannelRead(data) }  // a GET's body is ignored
        case .end:
            guard let request = pending else {
                context.fireChannelRead(data)
                return
            }
            pending = nil
            let reply = engine.serveRead(authorization: request.authorization, query: request.query, id: request.id,
                                         handler: request.route.handler)
            respond(context, reply)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        passedOn = max(0, passedOn - 1)
        context.write(data, promise: promise)
        ledger?.responseEnded()
    }

    private func respond(_ context: ChannelHandlerContext, _ reply: Reply) {
        var fields = HTTPFields()
        fields.reserveCapacity(5)
        fields[.contentType] = "application/json"
        fields[.requestID] = reply.requestID
        fields[.contentLength] = String(reply.body.count)
        fields[.date] = HTTPDate.now()
        let head = HTTPResponse(status: .init(code: reply.status), headerFields: fields)
        var buffer = context.channel.allocator.buffer(capacity: reply.body.count)
        buffer.writeBytes(reply.body)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(buffer)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        ledger?.responseEnded()
    }

    /// Percent-decoded, as `removingPercentEncoding` does (nil, the text as is); only text with a `%` is passed to it.
    private static func decoded(_ text: String) -> String {
        text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding ?? text : text
    }

    /// The route for a path (its `:id` and query), or nil to leave the request to Hummingbird.
    static func match(_ target: String, _ routes: [ReadRoute]) -> (route: ReadRoute, id: String, query: [String: String])? {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts[0]
        // Encoded or odd paths go the long way, where the router decides what they mean. (Byte
        // checks: Foundation's `contains` on strings cost more than the rest of the match.)
        let bytes = path.utf8
        let slash = UInt8(ascii: "/")
        guard path.hasPrefix("/v1/"), !bytes.contains(UInt8(ascii: "%")), bytes.last != slash,
              !zip(bytes, bytes.dropFirst()).contains(where: { $0 == slash && $1 == slash }) else { return nil }
        let segments = path.split(separator: "/")
        var found: (ReadRoute, String)?
        for route in routes where route.segments.count == segments.count {
            var id = ""
            var matches = true
            for (pattern, segment) in zip(route.segments, segments) {
                if pattern == ":id" { id = String(segment) } else if pattern != segment { matches = false; break }
            }
            if matches { found = (route, id); break }
        }
        guard let (route, id) = found else { return nil }
        var query: [String: String] = [:]
        if parts.count == 2 {
            // As Hummingbird's `queryParameters` and Engine.handle read them: names and values percent-decoded.
            for pair in parts[1].split(separator: "&") {
                let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(nameValue[0])
                let value = nameValue.count == 2 ? String(nameValue[1]) : ""
                query[decoded(name)] = decoded(value)
            }
        }
        return (route, id, query)
    }
}

/// One GET route of the API: its path (`/v1/products/:id`) and handler, and for the hottest
/// reads the same response written straight into bytes.
struct ReadRoute: Sendable {
    let path: String
    let segments: [Substring]
    let handler: Handler
    let bytes: BytesHandler?
    /// For a retrieve by id: the same bytes as `bytes`, read on the event loop's own connection.
    let point: PointRead?

    init(_ path: String, _ handler: @escaping Handler, bytes: BytesHandler? = nil, point: PointRead? = nil) {
        self.path = path
        self.segments = path.split(separator: "/")
        self.handler = handler
        self.bytes = bytes
        self.point = point
    }
}

/// `Handler`'s 200 body written into the buffer instead of returned as a tree: the very bytes
/// `handler(db, call).serialized` would be. False, with nothing written, leaves the request to
/// `handler` (a case the writer does not cover). Runs in the same read transaction; unlike
/// `handler` it is not given the account's clock offset (none of them reads the time).
typealias BytesHandler = @Sendable (Database, Call, inout ByteBuffer) throws -> Bool

/// The `Date` header's text (RFC 9110 IMF-fixdate), made once per second.
final class HTTPDate: @unchecked Sendable {
    private static let shared = HTTPDate()
    private let lock = NSLock()
    private var cached = (second: -1, text: "")

    static func now() -> String { shared.text(second: Int(time(nil))) }

    private func text(second: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        if cached.second == second { return cached.text }
        do {
            var seconds = time_t(second)
            var parts = tm()
            gmtime_r(&seconds, &parts)
            // Names spelled out: strftime's %a and %b follow the locale, which Till's TUI sets.
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let text = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
                + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
            cached = (second, text)
            return text
        }
    }
}
