import Foundation
import Synchronization
import Testing
import TillConfig
import TillCore
@testable import TillTerminal
#if canImport(Glibc)
import Glibc
#endif

/// The ESC/POS printer (`printer = "tcp://…"`): receipts and payment slips reach a loopback
/// printer double, which reads the commands back, renders the text and the QR code (the raster
/// one through zbarimg) and checks them; two tills at once, a printer that refuses, one that
/// stalls and one out of paper.
@Suite("Receipt printer (ESC/POS)", .serialized)
struct ReceiptPrinterESCPOSTests {
    static let url = "http://127.0.0.1:54321/c/pay/cs_test_slip_1#fidkdWxOYHwnPyd1blpxYHdWYHxvc2Zk"

    static func openSession() -> CheckoutSession {
        CheckoutSession(id: "cs_test_slip_1", status: .open, paymentStatus: .unpaid, url: url, currency: .gbp,
                        amountSubtotal: 920, amountTotal: 920, created: Date(timeIntervalSince1970: 1_782_905_400),
                        expiresAt: Date(timeIntervalSince1970: 1_782_991_800))
    }

    static func sale(_ id: String = "cs_test_receipt_1", item: String = "Flat white") -> CheckoutSession {
        var sale = ReceiptPrinterTests.sale()
        sale.id = id
        sale.lineItems[0].description = item
        return sale
    }

    /// Receipts saved under `folder`, printed through a queue whose lock files are there too.
    static func printer(_ folder: URL, _ address: PrinterAddress, qr: PrinterQRMode = .native,
                        codePage: PrinterCodePage = .cp858, timeout: TimeInterval = 5) -> ReceiptPrinter {
        var printer = ReceiptPrinter(file: { folder.appendingPathComponent("receipts/\($0).txt") }, command: nil,
                                     shopName: "The Corner Café", shopAddress: ["1 High Street"], width: .narrow)
        let settings = PrinterSettings(address: address, width: .narrow, codePage: codePage, qr: qr)
        printer.printer = (settings, PrintQueue(link: PrinterLink(address: address, connectTimeout: timeout, writeTimeout: timeout),
                                                lockFolder: folder.appendingPathComponent("state").path))
        return printer
    }

    @Test func aReceiptPrintsWholeWithItsLinesAndACut() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let double = try PrinterDouble()
        defer { double.stop() }
        let printer = Self.printer(folder, double.address)
        let result = printer.deliver(Self.sale(), refunds: [])
        let file = folder.appendingPathComponent("receipts/cs_test_receipt_1.txt").path
        #expect(result == .success(ReceiptDelivery(path: file, command: double.address.description)))
        let job = try #require(try double.waitForJobs(1).first)
        let printout = Printout(job)
        #expect(printout.unknown == [])
        #expect(printout.statusQueries == 1)
        #expect(printout.cuts == 1)
        // £ and é print through code page 858.
        #expect(printout.text.contains("The Corner Café"))
        #expect(printout.text.contains("Flat white") && printout.text.contains("GBP 7.00"))
        #expect(printout.text.contains("cs_test_receipt_1"))
        #expect(printout.lines.allSatisfy { $0.count <= 42 })
        // The receipt is kept on disk as well.
        #expect(FileManager.default.fileExists(atPath: file))
    }

    @Test func charactersThePageLacksPrintAsQuestionMarksNeverAsControlBytes() {
        let bytes = EscPos.encode("£5 €5 é 漢 \u{1B}[2J \u{07}\u{9B}", in: .cp858)
        #expect(!bytes.contains { $0 < 0x20 || $0 == 0x7F })
        let printout = Printout(EscPos(codePage: .cp858).bytes + bytes + [0x0A])
        #expect(printout.lines == ["£5 €5 é ? ?[2J ??"])
        // cp437 has £ but no €.
        #expect(Printout(EscPos(codePage: .cp437).bytes + EscPos.encode("£€", in: .cp437) + [0x0A]).lines == ["£?"])
        // A decomposed é still finds its byte.
        #expect(EscPos.encode("e\u{301}", in: .cp1252) == [0xE9])
    }

    @Test func aSlipWithANativeQRCode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let double = try PrinterDouble()
        defer { double.stop() }
        let result = Self.printer(folder, double.address, qr: .native).printSlip(Self.openSession())
        #expect(result == .success(ReceiptDelivery(path: "", command: double.address.description)))
        let printout = Printout(try #require(try double.waitForJobs(1).first))
        #expect(printout.unknown == [])
        #expect(printout.nativeQRs == [Self.url])
        #expect(printout.rasters.isEmpty)
        #expect(printout.text.contains("The Corner Café") && printout.text.contains("GBP 9.20"))
        // The URL in text too, cut to the paper's width.
        let urlLines = printout.lines.drop(while: { $0 != "Or open:" }).dropFirst().prefix(while: { !$0.isEmpty })
        #expect(urlLines.joined() == Self.url)
        #expect(printout.cuts == 1)
    }

    @Test func dataTooLongForAQRCodePrintsNoCodeAndNeverTraps() {
        var printer = EscPos(codePage: .cp858)
        printer.nativeQR(String(repeating: "a", count: 70_000))
        #expect(Printout(printer.bytes).nativeQRs.isEmpty)
        var fits = EscPos(codePage: .cp858)
        fits.nativeQR("https://pay.example/cs_1")
        #expect(Printout(fits.bytes).nativeQRs == ["https://pay.example/cs_1"])
    }

    @Test func aSlipWithARasterQRCodeDecodes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let double = try PrinterDouble()
        defer { double.stop() }
        #expect(Self.printer(folder, double.address, qr: .raster).printSlip(Self.openSession())
            == .success(ReceiptDelivery(path: "", command: double.address.description)))
        let printout = Printout(try #require(try double.waitForJobs(1).first))
        #expect(printout.unknown == [])
        #expect(printout.nativeQRs == [])
        #expect(printout.rasters.count == 1)
        #expect(try printout.decodedRasters() == [Self.url])
    }

    @Test func twoTillsPrintingAtOnceEachGetWholeReceiptsInTurn() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let double = try PrinterDouble()
        defer { double.stop() }
        // Two tills' printers (each its own queue object, as two processes would have), five receipts each, all at once.
        let a = Self.printer(folder, double.address), b = Self.printer(folder, double.address)
        await withTaskGroup(of: Void.self) { group in
            for n in 0..<5 {
                group.addTask { _ = a.deliver(Self.sale("cs_A_\(n)", item: "Till A item \(n)"), refunds: []) }
                group.addTask { _ = b.deliver(Self.sale("cs_B_\(n)", item: "Till B item \(n)"), refunds: []) }
            }
        }
        let jobs = try double.waitForJobs(10)
        #expect(double.mostOpenAtOnce == 1)
        var seen: Set<String> = []
        for job in jobs {
            let printout = Printout(job)
            // Each job is one whole receipt: one start, one cut, one sale's lines only.
            #expect(printout.cuts == 1 && printout.unknown == [])
            let ids = printout.lines.compactMap { $0.firstMatch(of: /cs_[AB]_[0-9]/).map { String($0.0) } }
            #expect(Set(ids).count == 1, "\(printout.text)")
            let id = try #require(ids.first)
            let till = id.dropFirst(3).prefix(1), n = id.suffix(1)
            #expect(printout.text.contains("Till \(till) item \(n)"))
            #expect(!printout.text.contains("Till \(till == "A" ? "B" : "A") item"))
            seen.insert(id)
        }
        #expect(seen.count == 10)
    }

    @Test func aJobWaitsForTheLockAnotherTillHolds() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let double = try PrinterDouble()
        defer { double.stop() }
        let printer = Self.printer(folder, double.address)
        // Another process's job in progress: its lock on the printer's lock file.
        let lockFolder = folder.appendingPathComponent("state").path
        try FileManager.default.createDirectory(atPath: lockFolder, withIntermediateDirectories: true)
        let lockPath = lockFolder + "/printer-tcp___127.0.0.1_\(double.port).lock"
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let done = Finished()
        let thread = Thread { done.set(printer.deliver(Self.sale(), refunds: [])) }
        thread.start()
        // The job is blocked on the lock (the kernel lists it as waiting), and has sent nothing.
        var status = stat()
        #expect(stat(lockPath, &status) == 0)
        try waitUntil("the job waits on the printer's lock") { Self.lockWaiters(inode: status.st_ino) > 0 }
        #expect(double.connections == 0)
        flock(fd, LOCK_UN)
        try double.waitForJobs(1)
        try waitUntil("the job finished") { done.value != nil }
        #expect(done.value.map { if case .success = $0 { true } else { false } } == true)
    }

    @Test func aPrinterThatRefusesIsSaidAndTheReceiptKept() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A port nothing listens on: bound, then closed.
        let double = try PrinterDouble()
        let port = double.port
        double.stop()
        let address = PrinterAddress.tcp(host: "127.0.0.1", port: port)
        let result = Self.printer(folder, address).deliver(Self.sale(), refunds: [])
        let file = folder.appendingPathComponent("receipts/cs_test_receipt_1.txt").path
        #expect(result == .failure(ReceiptFailure(message: "not printed: the printer at \(address) refused the connection",
                                                  savedPath: file)))
        #expect(FileManager.default.fileExists(atPath: file))
        let slip = Self.printer(folder, address).printSlip(Self.openSession())
        #expect(slip == .failure(ReceiptFailure(message: "the printer at \(address) refused the connection")))
    }

    @Test func aPrinterThatStallsTimesOutAndTheRetryPrints() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let double = try PrinterDouble(.stall)
        defer { double.stop() }
        let printer = Self.printer(folder, double.address, timeout: 0.5)
        let result = printer.deliver(Self.sale(), refunds: [])
        let file = folder.appendingPathComponent("receipts/cs_test_receipt_1.txt").path
        #expect(result == .failure(ReceiptFailure(
            message: "not printed: no answer from the printer at \(double.address) in 0.5 s (stalled or off line)", savedPath: file)))
        #expect(FileManager.default.fileExists(atPath: file))
        // The printer is back: `t` again prints it.
        double.behaviour = .normal
        #expect(printer.deliver(Self.sale(), refunds: []) == .success(ReceiptDelivery(path: file, command: double.address.description)))
        let printout = Printout(try #require(try double.waitForJobs(1).last))
        #expect(printout.text.contains("Flat white") && printout.cuts == 1)
    }

    @Test func aPrinterOutOfPaperIsSaidAndSentNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let double = try PrinterDouble(.paperOut)
        defer { double.stop() }
        let result = Self.printer(folder, double.address).printSlip(Self.openSession())
        #expect(result == .failure(ReceiptFailure(message: "the printer at \(double.address) is out of paper")))
        let job = try #require(try double.waitForJobs(1).first)
        #expect(job == [0x10, 0x04, 0x04])
    }

    @Test func aFilePrinterGetsTheJobAppended() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("spool.bin").path
        let printer = Self.printer(folder, .file(path: path))
        _ = printer.deliver(Self.sale(), refunds: [])
        _ = printer.printSlip(Self.openSession())
        let printout = Printout(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(printout.cuts == 2 && printout.unknown == [])
        #expect(printout.nativeQRs == [Self.url])
        #expect(printout.statusQueries == 0)
    }

    /// Blocked lock requests on the inode (/proc/locks marks them "->").
    static func lockWaiters(inode: UInt) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { $0.contains("->") && $0.contains(":\(inode) ") }.count
    }
}

/// A job's result, set on another thread.
final class Finished: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<ReceiptDelivery, ReceiptFailure>?
    var value: Result<ReceiptDelivery, ReceiptFailure>? { lock.withLock { result } }
    func set(_ value: Result<ReceiptDelivery, ReceiptFailure>) { lock.withLock { result = value } }
}

/// Waits for a condition (never a fixed sleep); throws after `timeout`.
func waitUntil(_ what: String, timeout: TimeInterval = 15, _ condition: () -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while !condition() {
        guard Date() < deadline else { throw PrintFailure("timed out waiting: \(what)") }
        usleep(10_000)
    }
}
