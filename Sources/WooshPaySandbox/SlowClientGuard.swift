import NIOCore
import NIOHTTPTypes

/// Drops a connection whose client is too slow, so half-open requests cannot hold every file
/// descriptor: the head of a request must arrive within `head` (of connecting), its body within
/// `body` (of its head), and a kept-alive connection may wait `idle` between requests. While
/// the sandbox itself is answering, no clock runs. It sits after the HTTP codec; the requests
/// `RawReads` answers in front of the codec are reported by `answeredInFront()`.
final class SlowClientGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let head: TimeAmount
    private let body: TimeAmount
    private let idle: TimeAmount
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    /// The armed timer is the idle one.
    private var idleArmed = false
    /// The last request answered in front since the idle timer was armed: when it fires it waits
    /// on from there (cheaper than cancelling and scheduling a timer per request).
    private var answeredSince: NIODeadline?
    /// A request's head came and its end has not.
    private var requestOpen = false
    /// The open request was answered before its body ended (a refusal on the head): when the end
    /// comes, the connection is idle, not waiting on the sandbox.
    private var answeredEarly = false

    init(head: Duration, body: Duration, idle: Duration) {
        self.head = SlowClientGuard.amount(head)
        self.body = SlowClientGuard.amount(body)
        self.idle = SlowClientGuard.amount(idle)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { arm(context, head) }
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, head)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
        self.context = nil
    }

    /// A request came whole and was answered before reaching the codec: the connection is idle
    /// again, as after any response. Called on the event loop.
    func answeredInFront() {
        guard let context else { return }
        if idleArmed { answeredSince = .now() } else { arm(context, idle, isIdle: true) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            requestOpen = true
            arm(context, body)
        case .body: break
        case .end:
            requestOpen = false
            if answeredEarly {
                answeredEarly = false
                arm(context, idle, isIdle: true)
            } else {
                disarm()  // the request is whole: the sandbox is answering
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            // Answered while the body still comes: its clock keeps running until the end.
            if requestOpen { answeredEarly = true } else { arm(context, idle, isIdle: true) }
        }
        context.write(data, promise: promise)
    }

    private func arm(_ context: ChannelHandlerContext, _ delay: TimeAmount, isIdle: Bool = false) {
        disarm()
        idleArmed = isIdle
        schedule(context, at: .now() + delay)
    }

    private func schedule(_ context: ChannelHandlerContext, at deadline: NIODeadline) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            if idleArmed, let since = answeredSince {
                answeredSince = nil
                schedule(context, at: since + idle)
            } else {
                context.channel.close(promise: nil)
            }
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
        idleArmed = false
        answeredSince = nil
    }

    private static func amount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
