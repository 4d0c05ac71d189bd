import Foundation
import TillConfig
import TillCore
import TillView
#if canImport(Glibc)
import Glibc
#endif

/// Where receipts go: a text file per session in the account's receipts folder (a reprint
/// replaces it, with the refunds as they now stand), then, when
/// `receipt_command` is set (`lp -d counter`), that command's standard input, and when `printer`
/// is set, the ESC/POS printer (through its `PrintQueue`). The file is written first, so a printer
/// that fails loses nothing: `t` tries again. Payment slips (`Q`) go to the printer only.
public struct ReceiptPrinter: Sendable {
    /// The file a session's receipt is saved to (TillConfig's `TillPaths.receipt(account:session:)`).
    public let file: @Sendable (_ sessionId: String) -> URL
    public let command: String?
    public let shopName: String
    public let shopAddress: [String]
    public let width: ReceiptWidth
    /// How long the command may take before it is stopped and the receipt said not printed.
    public var timeout: TimeInterval = 30
    /// The language of the receipt's and the slip's words (the operator's).
    public var language: Language = .english
    /// The ESC/POS printer and its queue, when `printer` is set.
    public var printer: (settings: PrinterSettings, queue: PrintQueue)?

    public init(file: @escaping @Sendable (_ sessionId: String) -> URL, command: String?, shopName: String,
                shopAddress: [String], width: ReceiptWidth) {
        self.file = file
        self.command = command
        self.shopName = shopName
        self.shopAddress = shopAddress
        self.width = width
    }

    /// The receipt's text, as it is saved and printed.
    public func text(for session: CheckoutSession, refunds: [RefundJournal.Entry]) -> String {
        let format = ReceiptFormat(shopName: shopName, shopAddress: shopAddress, width: width, timeZone: .current,
                                   columns: { displayWidth(String($0)) })
        return Receipt.text(for: session, refunds: refunds, format: format, language: language)
    }

    /// Saves the receipt, then sends it to the command. Blocking: run it off the curses thread.
    public func deliver(_ session: CheckoutSession, refunds: [RefundJournal.Entry]) -> Result<ReceiptDelivery, ReceiptFailure> {
        let text = text(for: session, refunds: refunds)
        let file = file(session.id)
        do {
            try PrivateFile.write(Data(text.utf8), to: file.path)
        } catch {
            return .failure(ReceiptFailure(message: "could not be saved: \(error)"))
        }
        var sentTo: [String] = []
        if let command {
            if let problem = run(command, input: Data(text.utf8)) {
                return .failure(ReceiptFailure(message: "\(command) did not take it: \(problem)", savedPath: file.path))
            }
            sentTo.append(command)
        }
        if let printer {
            let job = PrintDocuments.receipt(session, refunds: refunds, shopName: shopName, shopAddress: shopAddress,
                                             settings: printer.settings, language: language)
            if case .failure(let failure) = printer.queue.print(job) {
                return .failure(ReceiptFailure(message: "not printed: \(failure.description)", savedPath: file.path))
            }
            sentTo.append(printer.settings.address.description)
        }
        return .success(ReceiptDelivery(path: file.path, command: sentTo.isEmpty ? nil : sentTo.joined(separator: " and ")))
    }

    /// Prints the payment slip of an open session. Blocking: run it off the curses thread.
    public func printSlip(_ session: CheckoutSession) -> Result<ReceiptDelivery, ReceiptFailure> {
        guard let printer else {
            return .failure(ReceiptFailure(message: "no receipt printer is set up (printer in config.toml)"))
        }
        guard let job = PrintDocuments.slip(session, shopName: shopName, settings: printer.settings, language: language) else {
            return .failure(ReceiptFailure(message: "this session has no URL"))
        }
        switch printer.queue.print(job) {
        case .success: return .success(ReceiptDelivery(path: "", command: printer.settings.address.description))
        case .failure(let failure): return .failure(ReceiptFailure(message: failure.description))
        }
    }

    /// Runs `/bin/sh -c command` with `input` on its standard input; nil when it exits 0, else
    /// what went wrong (its first line of standard error, made safe for the screen).
    func run(_ command: String, input: Data) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { return "could not start /bin/sh (\(error.localizedDescription))" }
        // Standard error is read while the command runs: one that writes more than a pipe holds
        // would otherwise block on it and never exit. Only the start is kept.
        let errors = ErrorText()
        let reader = Thread { errors.drain(stderr.fileHandleForReading) }
        reader.start()
        // A command that never reads its input must not block the writer: a broken pipe is its answer.
        signal(SIGPIPE, SIG_IGN)
        try? stdin.fileHandleForWriting.write(contentsOf: input)
        try? stdin.fileHandleForWriting.close()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 2)
            return "no answer after \(Self.seconds(timeout))"
        }
        guard process.terminationStatus != 0 || process.terminationReason != .exit else { return nil }
        // The command has ended; a child it left behind may still hold the pipe, so wait a little only.
        _ = errors.done.wait(timeout: .now() + 1)
        let first = errors.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let status = process.terminationReason == .exit ? "exit status \(process.terminationStatus)"
            : "ended by signal \(process.terminationStatus)"
        return sanitize(redactingSecretKeys(in: first.isEmpty ? status : "\(status): \(first)"))
    }

    /// "30 s", "0.5 s".
    static func seconds(_ interval: TimeInterval) -> String {
        interval == interval.rounded() ? "\(Int(interval)) s" : "\(interval) s"
    }
}

/// The start of a command's standard error (400 bytes), read to its end on a thread of its own.
private final class ErrorText: @unchecked Sendable {
    private let lock = NSLock()
    private var kept = Data()
    let done = DispatchSemaphore(value: 0)

    var text: String { lock.withLock { String(decoding: kept, as: UTF8.self) } }

    func drain(_ handle: FileHandle) {
        while let chunk = try? handle.read(upToCount: 65536), !chunk.isEmpty {
            lock.withLock { if kept.count < 400 { kept.append(chunk.prefix(400 - kept.count)) } }
        }
        done.signal()
    }
}
