import Foundation
import Testing
import TillCore
@testable import TillTerminal

/// `receipt_command`: the receipt is saved first, then piped to the command; whatever the command
/// does (fails, hangs, floods its standard error, prints a key), Till answers in words and keeps
/// the saved receipt.
@Suite("Receipts sent to receipt_command")
struct ReceiptPrinterTests {
    static func sale() -> CheckoutSession {
        var sale = CheckoutSession(
            id: "cs_test_receipt_1", status: .complete, paymentStatus: .paid, url: nil, currency: .gbp,
            amountSubtotal: 700, amountTotal: 700, created: Date(timeIntervalSince1970: 1_782_905_400),
            expiresAt: Date(timeIntervalSince1970: 1_782_991_800), paymentIntentId: "pi_1")
        sale.lineItems = [LineItem(id: "li_1", description: "Flat white", quantity: 2, currency: .gbp, unitAmount: 350,
                                   amountSubtotal: 700, amountTotal: 700, priceId: "price_1")]
        return sale
    }

    /// A printer whose receipts go under `folder`, sent to `command`.
    static func printer(_ folder: URL, _ command: String?, timeout: TimeInterval = 30) -> ReceiptPrinter {
        var printer = ReceiptPrinter(file: { folder.appendingPathComponent("receipts/\($0).txt") }, command: command,
                                     shopName: "The Corner Café", shopAddress: ["1 High Street"], width: .narrow)
        printer.timeout = timeout
        return printer
    }

    @Test func theReceiptIsSavedBeforeTheCommandRunsAndReachesItsInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("receipts/cs_test_receipt_1.txt").path
        let copy = folder.appendingPathComponent("printed.txt").path
        // The command fails unless the saved receipt is already there when it starts.
        let printer = Self.printer(folder, "test -s '\(file)' || exit 7; cat > '\(copy)'")
        let result = printer.deliver(Self.sale(), refunds: [])
        #expect(result == .success(ReceiptDelivery(path: file, command: printer.command)))
        let printed = try String(contentsOfFile: copy, encoding: .utf8)
        #expect(printed == printer.text(for: Self.sale(), refunds: []))
        #expect(printed.contains("Flat white") && printed.contains("The Corner Café"))
        #expect(try permissions(URL(fileURLWithPath: file)) == 0o600)
    }

    @Test func aFailingCommandIsSaidWithItsStatusAndFirstErrorLineAndTheReceiptKept() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = Self.printer(folder, "cat > /dev/null; echo 'lp: paper out' >&2; echo second >&2; exit 3")
            .deliver(Self.sale(), refunds: [])
        let file = folder.appendingPathComponent("receipts/cs_test_receipt_1.txt").path
        #expect(result == .failure(ReceiptFailure(
            message: "cat > /dev/null; echo 'lp: paper out' >&2; echo second >&2; exit 3 did not take it: exit status 3: lp: paper out",
            savedPath: file)))
        #expect(FileManager.default.fileExists(atPath: file))
    }

    @Test func aCommandThatNeverAnswersIsStoppedAtTheTimeout() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // It would succeed if it were let run for its minute.
        let result = Self.printer(folder, "exec sleep 60", timeout: 1).deliver(Self.sale(), refunds: [])
        guard case .failure(let failure) = result else {
            Issue.record("a hung command was taken as printed: \(result)")
            return
        }
        #expect(failure.message == "exec sleep 60 did not take it: no answer after 1 s")
        #expect(failure.savedPath != nil)
    }

    @Test func aCommandThatFloodsItsStandardErrorStillFinishes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 1 MB on standard error, far more than a pipe holds, then success; then the same and a failure.
        let flood = "cat > /dev/null; head -c 1000000 /dev/zero | tr '\\0' 'x' >&2"
        #expect(Self.printer(folder, flood + "; exit 0", timeout: 20).deliver(Self.sale(), refunds: [])
            .map(\.command) == .success(flood + "; exit 0"))
        let failed = Self.printer(folder, flood + "; exit 1", timeout: 20).deliver(Self.sale(), refunds: [])
        guard case .failure(let failure) = failed else {
            Issue.record("a failing command was taken as printed")
            return
        }
        // The first line only, and only its start.
        #expect(failure.message.hasPrefix(flood + "; exit 1 did not take it: exit status 1: xxxx"))
        #expect(failure.message.count < flood.count + 500)
    }

    @Test func aKeyOrControlCodesInTheErrorNeverReachTheScreen() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = TestKeys.random(prefix: "sk_live_", length: 24)
        let result = Self.printer(folder, "cat > /dev/null; printf 'denied for \(key) \\033[2J\\033]52;c;eA==\\007 end\\n' >&2; exit 2")
            .deliver(Self.sale(), refunds: [])
        guard case .failure(let failure) = result else {
            Issue.record("a failing command was taken as printed")
            return
        }
        let said = failure.message.components(separatedBy: "did not take it: ").last ?? ""
        #expect(said.hasPrefix("exit status 2: denied for sk_live_…\(key.suffix(4))"), "\(said)")
        #expect(!said.contains(key.suffix(12)))
        #expect(!said.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
    }
}
