import Foundation
import NIOCore
import NIOHTTP1

/// Answers a plain API GET straight from the socket's bytes, in front of the HTTP codec: the
/// request line and headers are read from the inbound buffer, the reply (status line, the four
/// headers the codec path sends, the body written from the rows) goes out as one buffer. What the
/// codec costs per request (llhttp, `HTTPFields`, the encoder, five handler hops each way) was
/// most of a GET's time; see docs/performance.md, "The sandbox against nginx".
///
/// Anything else goes to the codec untouched, as a whole request (head and `Content-Length` body),
/// so the codec is always between requests when this handler takes one: other methods, bodies,
/// `Connection`, `Expect`, a repeated `Authorization`, encoded or unusual targets, paths no read
/// route has, and every request while a response the codec owes is not finished (responses never
/// overtake one another). A request whose framing it does not understand (`Transfer-Encoding`,
/// `Upgrade`, bare line feeds, another HTTP version, a malformed head) hands the whole connection
/// to the codec for good. Not installed while the sandbox injects faults or latency.
final class RawReads: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A head longer than this without its end goes to the codec (which allows 80 KiB).
    static let maxHead = 16 * 1024
    /// The most header fields a head answered here may have.
    static let maxFields = 64
    /// Room kept in front of a body for its head, so both go out as one buffer.
    static let headRoom = 256

    private let engine: Engine
    private let routes: [ReadRoute]
    private let ledger: CodecLedger
    private let slowClients: SlowClientGuard
    /// Bytes not yet handled: the start of a head, or requests waiting for the socket to drain.
    private var held: ByteBuffer?
    /// Bytes of a passed-on request's body still to pass on.
    private var bodyLeft = 0
    /// The codec has the connection from here on.
    private var passAll = false
    /// Answers wait (and reads stop) until the client takes what was written.
    private var waitingForWritable = false
    /// The last body's size, so the next buffer is allocated big enough (lists are ~25 KiB).
    private var lastBodySize = 512
    private var scratch = ByteBuffer()
    /// The event loop's own SQLite connection (nil for ":memory:"), taken on the first answer.
    private var reader: LoopReader?
    private var lookedForReader = false

    init(engine: Engine, routes: [ReadRoute], ledger: CodecLedger, slowClients: SlowClientGuard) {
        self.engine = engine
        self.routes = routes
        self.ledger = ledger
        self.slowClients = slowClients
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if passAll {
            context.fireChannelRead(data)
            return
        }
        var input = unwrapInboundIn(data)
        if var held {
            self.held = nil
            held.writeBuffer(&input)
            input = held
        }
        process(context, input)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if waitingForWritable, context.channel.isWritable {
            waitingForWritable = false
            if let held {
                self.held = nil
                process(context, held)
            }
            if !waitingForWritable { context.read() }
        }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if !waitingForWritable { context.read() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case ChannelEvent.inputClosed = event { releaseHeld(context) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        releaseHeld(context)
        context.fireChannelInactive()
    }

    /// Bytes held when the client stops sending go to the codec, as they would have without this handler.
    private func releaseHeld(_ context: ChannelHandlerContext) {
        guard let held else { return }
        self.held = nil
        passAll = true
        context.fireChannelRead(wrapInboundOut(held))
    }

    private func process(_ context: ChannelHandlerContext, _ buffer: ByteBuffer) {
        var input = buffer
        var answered = false
        defer { if answered { context.flush() } }
        while input.readableBytes > 0 {
            if bodyLeft > 0 {
                let count = min(bodyLeft, input.readableBytes)
                context.fireChannelRead(wrapInboundOut(input.readSlice(length: count)!))
                bodyLeft -= count
                continue
            }
            let end = input.withUnsafeReadableBytes(RawReads.headEnd)
            guard end != .odd, !(end == .partial && input.readableBytes > RawReads.maxHead) else {
                passAll = true
                context.fireChannelRead(wrapInboundOut(input))
                return
            }
            guard case .whole(let length) = end else {
                held = input
                return
            }
            guard let head = input.withUnsafeReadableBytes({ RawReads.parse(UnsafeRawBufferPointer(rebasing: $0[..<length])) }) else {
                passAll = true
                context.fireChannelRead(wrapInboundOut(input))
                return
            }
            if let get = head.get, ledger.owed == 0 {
                if !context.channel.isWritable {
                    waitingForWritable = true
                    held = input
                    return
                }
                if answer(context, get) {
                    input.moveReaderIndex(forwardBy: length)
                    answered = true
                    continue
                }
            }
            ledger.passedOn()
            context.fireChannelRead(wrapInboundOut(input.readSlice(length: length)!))
            bodyLeft = head.bodyLength
        }
    }

    /// Answers a GET a read route has; false (nothing written) for any other path.
    private func answer(_ context: ChannelHandlerContext, _ get: PlainGet) -> Bool {
        guard let match = FastReads.match(get.target, routes) else { return false }
        var out = context.channel.allocator.buffer(capacity: RawReads.headRoom + lastBodySize + 64)
        out.moveWriterIndex(forwardBy: RawReads.headRoom)
        out.moveReaderIndex(forwardBy: RawReads.headRoom)
        if !lookedForReader {
            reader = engine.store.loopReaders.reader(for: context.eventLoop)
            lookedForReader = true
        }
        let (status, requestID) = engine.serveRead(authorization: get.authorization, query: match.query, id: match.id,
                                                   route: match.route, reader: reader, into: &out)
        lastBodySize = out.readableBytes
        scratch.clear()
        RawReads.writeHead(status: status, requestID: requestID, length: out.readableBytes, to: &scratch)
        if scratch.readableBytes <= out.readerIndex {
            out.moveReaderIndex(to: out.readerIndex - scratch.readableBytes)
            out.setBuffer(scratch, at: out.readerIndex)
        } else {
            context.write(wrapOutboundOut(scratch), promise: nil)
        }
        context.write(wrapOutboundOut(out), promise: nil)
        slowClients.answeredInFront()
        return true
    }

    /// The head `FastReads` sends through the codec, byte for byte (RawReadsTests compares them).
    static func writeHead(status: Int, requestID: String, length: Int, to out: inout ByteBuffer) {
        if status == 200 {
            out.writeStaticString("HTTP/1.1 200 OK\r\n")
        } else {
            // NIO's phrase for the code, as the encoder writes it for the codec path.
            out.writeString("HTTP/1.1 \(status) \(HTTPResponseStatus(statusCode: status).reasonPhrase)\r\n")
        }
        out.writeStaticString("Content-Type: application/json\r\nRequest-Id: ")
        out.writeString(requestID)
        out.writeStaticString("\r\nContent-Length: ")
        out.writeDecimal(Int64(length))
        out.writeStaticString("\r\nDate: ")
        out.writeString(HTTPDate.now())
        out.writeStaticString("\r\n\r\n")
    }

    // MARK: Reading a head

    enum HeadEnd: Equatable {
        /// The head's length, its blank line included.
        case whole(Int)
        case partial
        /// A line feed without its carriage return: the codec's business.
        case odd
    }

    static func headEnd(_ bytes: UnsafeRawBufferPointer) -> HeadEnd {
        var index = 0
        while index < bytes.count {
            guard let found = memchr(bytes.baseAddress! + index, 0x0A, bytes.count - index) else { return .partial }
            let lineFeed = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
            guard lineFeed > 0, bytes[lineFeed - 1] == 0x0D else { return .odd }
            if lineFeed >= 3, bytes[lineFeed - 2] == 0x0A { return .whole(lineFeed + 1) }
            index = lineFeed + 1
        }
        return .partial
    }

    /// A GET `RawReads` may answer itself.
    struct PlainGet {
        var target: String
        var authorization: String?
    }

    /// What a whole head says: the length of the body after it, and the GET if it is a plain one;
    /// nil when its framing is not plain (the codec takes the connection).
    static func parse(_ head: UnsafeRawBufferPointer) -> (bodyLength: Int, get: PlainGet?)? {
        /// The CR of the line's CR LF; nil for a CR alone.
        func lineEnd(from start: Int) -> Int? {
            var index = start
            while head[index] != 0x0D { index += 1 }  // the head ends with CR LF CR LF
            return head[index + 1] == 0x0A ? index : nil
        }
        // The request line: METHOD SP target SP HTTP/1.1
        guard let requestLineEnd = lineEnd(from: 0),
              let firstSpace = (0..<requestLineEnd).first(where: { head[$0] == 0x20 }), firstSpace > 0,
              let secondSpace = (firstSpace + 1..<requestLineEnd).first(where: { head[$0] == 0x20 }),
              secondSpace > firstSpace + 1,
              matches(head, secondSpace + 1..<requestLineEnd, "HTTP/1.1") else { return nil }
        let method = firstSpace
        let isGet = matches(head, 0..<method, "GET")
        guard isGet || otherMethods.contains(where: { matches(head, 0..<method, $0) }) else {
            return nil
        }
        let targetRange = firstSpace + 1..<secondSpace
        var plain = isGet && targetRange.count > 4 && matches(head, targetRange.lowerBound..<targetRange.lowerBound + 4, "/v1/")
            && targetRange.allSatisfy { isTargetByte(head[$0]) }

        var bodyLength: Int?
        var authorization: Range<Int>?
        var line = requestLineEnd + 2
        var fields = 0
        while line < head.count - 2 {
            // Many fields is unusual: the codec takes the connection and applies its own limit (1,000).
            fields += 1
            guard fields <= maxFields, let end = lineEnd(from: line),
                  let colon = (line..<end).first(where: { head[$0] == UInt8(ascii: ":") }), colon > line,
                  (line..<colon).allSatisfy({ isTokenByte(head[$0]) }) else { return nil }
            var valueStart = colon + 1
            var valueEnd = end
            while valueStart < valueEnd, head[valueStart] == 0x20 || head[valueStart] == 0x09 { valueStart += 1 }
            while valueEnd > valueStart, head[valueEnd - 1] == 0x20 || head[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            guard (valueStart..<valueEnd).allSatisfy({ head[$0] == 0x09 || (head[$0] >= 0x20 && head[$0] != 0x7F) }) else { return nil }
            let name = line..<colon
            switch colon - line {
            case 14 where matchesLowercased(head, name, "content-length"):
                guard bodyLength == nil, (1...18).contains(valueEnd - valueStart),
                      (valueStart..<valueEnd).allSatisfy({ head[$0] >= 0x30 && head[$0] <= 0x39 }) else { return nil }
                bodyLength = (valueStart..<valueEnd).reduce(0) { $0 * 10 + Int(head[$1] - 0x30) }
            case 17 where matchesLowercased(head, name, "transfer-encoding"): return nil
            case 7 where matchesLowercased(head, name, "upgrade"): return nil
            case 10 where matchesLowercased(head, name, "connection"): plain = false
            case 6 where matchesLowercased(head, name, "expect"): plain = false
            case 13 where matchesLowercased(head, name, "authorization"):
                if authorization != nil { plain = false }
                authorization = valueStart..<valueEnd
            default: break
            }
            line = end + 2
        }
        guard plain, (bodyLength ?? 0) == 0 else { return (bodyLength ?? 0, nil) }
        let target = String(decoding: UnsafeRawBufferPointer(rebasing: head[targetRange]), as: UTF8.self)
        let key = authorization.map { String(decoding: UnsafeRawBufferPointer(rebasing: head[$0]), as: UTF8.self) }
        return (0, PlainGet(target: target, authorization: key))
    }

    /// Methods whose requests the codec frames by `Content-Length` alone (CONNECT and the rest: not plain).
    private static let otherMethods: [StaticString] = ["POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"]

    /// Letters, digits and `/ - _ . ? = &`: anything else (`%`, brackets, `+`…) is left to the codec's path.
    private static func isTargetByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "?"),
             UInt8(ascii: "="), UInt8(ascii: "&"):
            true
        default: false
        }
    }

    /// RFC 9110 token characters (a header name).
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func matches(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount && (0..<range.count).allSatisfy { bytes[range.lowerBound + $0] == text.utf8Start[$0] }
    }

    private static func matchesLowercased(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount && (0..<range.count).allSatisfy {
            let byte = bytes[range.lowerBound + $0]
            return (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == text.utf8Start[$0]
        }
    }
}

/// Requests handed to the HTTP codec whose response has not ended: counted up by `RawReads` as it
/// passes each on and down by `FastReads` as each response ends. While any is owed `RawReads`
/// answers nothing itself, so responses keep the requests' order. One per connection, used on its
/// event loop only.
final class CodecLedger {
    private(set) var owed = 0
    func passedOn() { owed += 1 }
    func responseEnded() { owed = max(0, owed - 1) }
}
