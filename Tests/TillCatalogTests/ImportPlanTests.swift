import Foundation
import Testing
@testable import TillCatalog
import TillCore

@Suite struct ImportPlanTests {
    let day = Date(timeIntervalSince1970: 1_760_000_000)

    func file(_ text: String) throws -> CatalogFile { try CatalogFile.parse(Data(text.utf8)) }

    func gbp(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .gbp) }

    @Test func anEmptyAccountGetsOneGroupPerProductInFileOrder() throws {
        let catalog = try file("""
            name,description,price,currency,sku,nickname
            Espresso,Strong,2.00,GBP,E1,Single
            Espresso,,3.00,GBP,E2,Double
            Tea,,1.50,GBP,,
            Tea,,1.50,GBP,,
            Mug,,,,,

            """)
        let plan = ImportPlan(file: catalog, snapshot: CatalogSnapshot(products: [], prices: []), update: false)
        #expect(plan.groups == [
            ImportPlan.Group(target: .new(ProductDraft(name: "Espresso", description: "Strong")), update: nil,
                             finalActive: true,
                             prices: [.init(line: 2, amount: gbp(200), nickname: "Single", sku: "E1"),
                                      .init(line: 3, amount: gbp(300), nickname: "Double", sku: "E2")],
                             lines: [2, 3]),
            ImportPlan.Group(target: .new(ProductDraft(name: "Tea")), update: nil, finalActive: true,
                             prices: [.init(line: 4, amount: gbp(150), nickname: nil, sku: nil)], lines: [4]),
            ImportPlan.Group(target: .new(ProductDraft(name: "Mug")), update: nil, finalActive: true, prices: [],
                             lines: [6]),
        ])
        #expect(plan.outcomes.map(\.outcome.action) == ["create", "create", "create", "skip", "create"])
        #expect(plan.outcomes[3].outcome == .skip(.samePriceAs(line: 4)))
    }

    @Test func whatTheAccountHasIsSkippedBySkuElseByNameAmountAndCurrency() throws {
        let espresso = Product(id: "prod_1", name: "Espresso", created: day)
        let tea = Product(id: "prod_2", name: "Tea", created: day)
        let snapshot = CatalogSnapshot(products: [espresso, tea], prices: [
            Price(id: "price_1", productId: "prod_1", currency: .gbp, unitAmount: 200, created: day, lookupKey: "E1"),
            Price(id: "price_2", productId: "prod_2", currency: .gbp, unitAmount: 150, created: day),
            Price(id: "price_3", productId: "prod_2", currency: .gbp, unitAmount: 900, created: day, lookupKey: "T9"),
        ])
        let catalog = try file("""
            name,price,currency,sku
            Espresso,2.00,GBP,E1
            Tea,1.50,GBP,
            Tea,1.50,EUR,
            Scone,1.00,GBP,E1X
            Latte,2.00,GBP,T9

            """)
        let plan = ImportPlan(file: catalog, snapshot: snapshot, update: false)
        let outcomes = Dictionary(uniqueKeysWithValues: plan.outcomes.map { ($0.line, $0.outcome) })
        #expect(outcomes[2] == .skip(.priceThere(id: "price_1", amount: gbp(200), asked: gbp(200))))
        #expect(outcomes[3] == .skip(.priceThere(id: "price_2", amount: gbp(150), asked: gbp(150))))
        #expect(outcomes[4] == .create(.price(.init(line: 4, amount: Money(minorUnits: 150, currency: .eur)),
                                              product: "Tea", id: "prod_2")))
        #expect(outcomes[5] == .create(.productWithPrice(name: "Scone", .init(line: 5, amount: gbp(100), sku: "E1X"))))
        #expect(outcomes[6] == .fail(.skuOnOtherProduct(sku: "T9", name: "Tea", id: "prod_2")))
        #expect(plan.groups.map(\.lines) == [[4], [5]])
    }

    @Test func updateRenamesBySkuAndChangesDescriptionAndActive() throws {
        let old = Product(id: "prod_1", name: "Expresso", description: "old", created: day)
        let snapshot = CatalogSnapshot(products: [old], prices: [
            Price(id: "price_1", productId: "prod_1", currency: .gbp, unitAmount: 200, created: day, lookupKey: "E1"),
        ])
        let catalog = try file("name,description,price,currency,sku,active\nEspresso,new,2.00,GBP,E1,false\n")
        let without = ImportPlan(file: catalog, snapshot: snapshot, update: false)
        #expect(without.counts.fail == 1)
        let with = ImportPlan(file: catalog, snapshot: snapshot, update: true)
        #expect(with.groups == [ImportPlan.Group(target: .existing(old),
                                                 update: ProductUpdate(name: "Espresso", description: "new", active: false),
                                                 finalActive: false, prices: [], lines: [2])])
        #expect(with.outcomes.first?.outcome.action == "update")
    }

    @Test func anArchivedProductTakesNoPriceWithoutUpdate() throws {
        let archived = Product(id: "prod_9", name: "Old", active: false, created: day)
        let catalog = try file("name,price,currency\nOld,1.00,GBP\n")
        let plan = ImportPlan(file: catalog, snapshot: CatalogSnapshot(products: [archived], prices: []), update: false)
        #expect(plan.outcomes.first?.outcome.action == "fail")
        #expect(plan.groups.isEmpty)
    }

    @Test func rowsRefusedWhileReadingStayFailed() throws {
        let catalog = try file("name,price,currency\n,1.00,GBP\nOk,1.00,GBP\n")
        let plan = ImportPlan(file: catalog, snapshot: CatalogSnapshot(products: [], prices: []), update: false)
        #expect(plan.outcomes.map(\.line) == [2, 3])
        #expect(plan.outcomes[0].outcome == .fail(.noName))
    }

    @Test func idempotencyKeysComeFromContentAlone() {
        let a = ImportKey.of(["price", "prod_1", "GBP", "250"])
        #expect(a == ImportKey.of(["price", "prod_1", "GBP", "250"]))
        #expect(a != ImportKey.of(["price", "prod_1", "GBP", "251"]))
        // Parts are length-prefixed, so moving a boundary changes the key.
        #expect(ImportKey.of(["ab", "c"]) != ImportKey.of(["a", "bc"]))
        #expect(a.count <= 255)
    }

    @Test func exportWritesActivePricesByNameAndReadsBack() throws {
        let snapshot = CatalogSnapshot(products: [
            Product(id: "prod_2", name: "Tea", description: "Green, \"fine\"", created: day),
            Product(id: "prod_1", name: "Cake", created: day),
            Product(id: "prod_3", name: "Gone", active: false, created: day),
        ], prices: [
            Price(id: "price_1", productId: "prod_2", currency: .gbp, unitAmount: 150, nickname: "Cup", created: day,
                  lookupKey: "0099"),
            Price(id: "price_2", productId: "prod_2", currency: .jpy, unitAmount: 300, active: false, created: day),
        ])
        let rows = CatalogExport.rows(snapshot, all: false)
        #expect(rows == [["Cake", "", "", "", "", "", "true"], ["Tea", "Green, \"fine\"", "1.50", "GBP", "0099", "Cup", "true"]])
        #expect(CatalogExport.rows(snapshot, all: true).count == 3)
        let data = try CatalogExport.csv(header: CatalogExport.header, rows: rows, byteOrderMark: true)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let back = try CatalogFile.parse(data)
        #expect(back.problems.isEmpty)
        #expect(back.rows.map(\.fields) == rows)
    }
}
