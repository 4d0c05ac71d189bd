import Foundation
import TillConfig
import TillCore
import TillView

/// Prints results: aligned tables and detail blocks for people, the API's own JSON with --json.
struct Output {
    let json: Bool

    /// One line of human output. Control and bidi characters from API data are made visible
    /// (TillView's `sanitize`, as in the TUI), so a product name can never move the cursor,
    /// clear the screen or reorder the line.
    func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((sanitize(text) + "\n").utf8))
    }

    /// `text` followed by spaces up to `width` terminal columns (CJK and emoji count two).
    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }

    /// Columns padded to their widest cell; the last column is not padded.
    func table(_ header: [String], _ rows: [[String]]) {
        let all = ([header] + rows).map { $0.map(sanitize) }
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell)) }
        }
        for row in all {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : Output.pad(cell, to: widths[index])
            }
            line(cells.joined(separator: "  "))
        }
    }

    /// `label: value` lines with the labels aligned.
    func details(_ pairs: [(String, String)]) {
        let width = pairs.map(\.0.count).max() ?? 0
        for (label, value) in pairs {
            line((label + ":").padding(toLength: width + 1, withPad: " ", startingAt: 0) + " " + value)
        }
    }

    /// The last API object received, as the API sent it but made safe (`Output.safeJSON`).
    func jsonObject(_ bodies: [Data]) {
        guard let body = bodies.last else { return }
        FileHandle.standardOutput.write(Output.safeJSON(body))
        line()
    }

    /// JSON text that cannot drive a terminal or leak a key: C1 controls (U+0080–U+009F, which
    /// xterm-family terminals act on) and DEL, legal raw inside JSON strings, are written as
    /// `\u009b` escapes, and key-shaped text is redacted. Both only ever occur inside strings, so
    /// the result is the same JSON document.
    static func safeJSON(_ body: Data) -> Data {
        let text = redactingSecretKeys(in: String(decoding: body, as: UTF8.self))
        guard text.unicodeScalars.contains(where: { (0x7F...0x9F).contains($0.value) }) else { return Data(text.utf8) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) {
                out += "\\u00" + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return Data(out.utf8)
    }

    /// JSON Till made itself (a journal, a report), made safe like the API's.
    func json(_ body: Data) {
        FileHandle.standardOutput.write(Output.safeJSON(body))
        line()
    }

    /// One list body as sent, or several pages joined into one list object.
    func jsonList(_ bodies: [Data]) {
        if bodies.count == 1 { return jsonObject(bodies) }
        var data: [Any] = []
        for body in bodies {
            if let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
               let items = object["data"] as? [Any] {
                data += items
            }
        }
        let list: [String: Any] = ["object": "list", "data": data, "has_more": false]
        if let text = try? JSONSerialization.data(withJSONObject: list, options: [.sortedKeys]) {
            FileHandle.standardOutput.write(Output.safeJSON(text))
            line()
        }
    }
}

/// Display forms shared by the commands.
enum Show {
    static func date(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    static func flag(_ value: Bool) -> String { value ? CLIPhrase.yes.said : CLIPhrase.no.said }

    static func money(_ amount: Int64?, _ currency: Currency?) -> String {
        guard let amount, let currency else { return "-" }
        return Money(minorUnits: amount, currency: currency).formatted
    }

    static func metadata(_ map: [String: String]) -> String {
        map.isEmpty ? "-" : map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    static func product(_ product: Product, _ output: Output) {
        output.details([
            (CLIPhrase.id.said, product.id), (CLIPhrase.name.said, product.name),
            (CLIPhrase.description.said, product.description ?? "-"),
            (CLIPhrase.active.said, flag(product.active)), (CLIPhrase.created.said, date(product.created)),
            (CLIPhrase.metadata.said, metadata(product.metadata)),
        ])
    }

    static func price(_ price: Price, _ output: Output) {
        output.details([
            (CLIPhrase.id.said, price.id), (CLIPhrase.product.said, price.productId),
            (CLIPhrase.amount.said, price.money.formatted), (CLIPhrase.nickname.said, price.nickname ?? "-"),
            (CLIPhrase.lookupKey.said, price.lookupKey ?? "-"), (CLIPhrase.active.said, flag(price.active)),
            (CLIPhrase.created.said, date(price.created)),
        ])
    }

    /// Status, payment status, total and expiry, then line items, then the URL on its own line.
    static func session(_ session: CheckoutSession, _ output: Output) {
        output.details([
            (CLIPhrase.id.said, session.id), (CLIPhrase.status.said, session.status.rawValue),
            (CLIPhrase.paymentStatus.said, session.paymentStatus.rawValue),
            (CLIPhrase.total.said, session.total?.formatted ?? "-"), (CLIPhrase.expires.said, date(session.expiresAt)),
        ])
        if !session.lineItems.isEmpty {
            output.line()
            lineItems(session.lineItems, output)
        }
        output.line()
        output.line(session.url ?? CLIPhrase.noURL.said)
    }

    static func refund(_ refund: Refund, session: String?, _ output: Output) {
        var pairs = [
            (CLIPhrase.id.said, refund.id), (CLIPhrase.amount.said, refund.amount.formatted),
            (CLIPhrase.status.said, refund.status.rawValue), (CLIPhrase.reason.said, refund.reason?.rawValue ?? "-"),
            (CLIPhrase.payment.said, refund.paymentIntentId ?? "-"),
        ]
        if let session { pairs.append((CLIPhrase.session.said, session)) }
        pairs.append((CLIPhrase.created.said, date(refund.created)))
        if let failure = refund.failureReason { pairs.append((CLIPhrase.failure.said, failure)) }
        pairs.append((CLIPhrase.metadata.said, metadata(refund.metadata)))
        output.details(pairs)
    }

    /// A journal entry's state in one word or two: `sent (unconfirmed)`, `pending`, `refused`.
    static func state(_ state: RefundJournal.State) -> String {
        switch state {
        case .sent: CLIPhrase.stateSent.said
        case .recorded(_, let status): status.rawValue
        case .failed: CLIPhrase.stateRefused.said
        }
    }

    /// Journal entries as `{"object":"list","data":[…]}`, in the journal file's own form.
    static func journalJSON(_ entries: [RefundJournal.Entry], _ output: Output) throws {
        struct List: Encodable {
            var object = "list"
            var data: [RefundJournal.Entry]
            var hasMore = false
            enum CodingKeys: String, CodingKey { case object, data, hasMore = "has_more" }
        }
        output.json(try LocalJSON.encoder(pretty: false).encode(List(data: entries)))
    }

    static func lineItems(_ items: [LineItem], _ output: Output) {
        output.table(Heading.names(.id, .quantity, .unit, .total, .description), items.map { item in
            [item.id, String(item.quantity), money(item.unitAmount, item.currency), item.total.formatted,
             item.description]
        })
    }
}
