import TillCore

/// What a key does, in words: the help overlay, the hint bar and the command palette say a
/// binding's `help` and `hint` in the operator's language. One case per distinct text.
public enum BindingPhrase: String, PhraseTable {
    case moveUp
    case moveDown
    case goToTheTop
    case goToTheBottom
    case pageUp
    case pageDown
    case typeIntoTheField
    case deleteBeforeCursor
    case deleteAtCursor
    case clearToFieldStart
    case clear
    case cursorLeft
    case cursorRight
    case cursorToTheStart
    case cursorToTheEnd
    case nextField
    case previousField
    case openItsPrices
    case prices
    case filterAsYouType
    case filter
    case newProduct
    case `new`
    case editTheProduct
    case edit
    case unarchiveAsksYN
    case archive
    case reloadFromWooshPay
    case reload
    case clearTheFilter
    case keepFilterToList
    case done
    case clearFilter
    case moveUpTheList
    case moveDownTheList
    case addToCartAgainAnd1
    case addToCart
    case newPriceForProduct
    case newPrice
    case newPriceNewProduct
    case newProductAndPrice
    case reloadThePrices
    case scanSellThePriceWithThisSKUBarcode
    case addTheBestMatchOrTheChosenOne
    case add
    case emptyLineCheckOut
    case checkout
    case clearTheQuickAddLine
    case previousMatch
    case nextMatch
    case emptyLineOneMore
    case more
    case emptyLineOneLess
    case less
    case emptyLineRemoveLineLastYN
    case remove
    case removeTheSelectedLine
    case addAOneOffItem
    case oneOff
    case addTheChosenPrice
    case addPrice19AtOnce
    case closeAddNothing
    case cancel
    case runTheChosenCommand
    case run
    case previousCommand
    case nextCommand
    case closeRunNothing
    case close
    case makeAProductAndPriceWithTheCode
    case newWithCode
    case nothing
    case dismiss
    case createTheSession
    case createSession
    case backToTheCart
    case back
    case backRequestGoesOn
    case nextSaleProductsPane
    case nextSale
    case qrCodeFullScreen
    case qr
    case copyThePaymentURL
    case copyURL
    case checkTheSessionNow
    case refresh
    case expireSessionYN
    case expire
    case refundItAllAmountLines
    case refund
    case saveAndPrintItsReceipt
    case receipt
    case printAPaymentSlipQRCodeForTheCustomer
    case slip
    case backToTheSession
    case quitCartIsKept
    case showItOnTheSessionPane
    case `open`
    case filterIdItemAmount
    case openSessionsOnlyAll
    case openOnly
    case reloadTheShiftToNow
    case zReportCloseTheShiftYN
    case closeShift
    case expireAllItsOpenSessionsYN
    case expireOpen
    case parkEmptyTicketN
    case park
    case cancelParkNothing
    case resumeTheTicket
    case resume
    case discardItYN
    case discard
    case closeTheList
    case refundAsksYN
    case cancelRefundNothing
    case createOrSave
    case save
    case cancelSendNothing
    case yes
    case no
    case closeHelp
    case quitTill
    case quit
    case parkTheCartAsksALabel
    case parkedCartsResumeDiscard
    case parked
    case commandPaletteFindAnyCommand
    case commands
    case undoTheLastCartChange
    case showThisHelp
    case help
    case repaintTheScreen
    case redoWhatUndoTookBack
    case parkTheCartInFormsToo
    case lockTheTillTheNextOperatorSignsIn
    case emptyLineMoveUp
    case emptyLineMoveDown
    case emptyLineGoToTheTop
    case emptyLineGoToTheBottom
    case showProducts
    case showPrices
    case showCart
    case showCheckout
    case showSession
    case showHistory
    case showReports

    /// "show Products": the help of the key that shows `pane`.
    public static func show(_ pane: Pane) -> BindingPhrase {
        switch pane {
        case .products: .showProducts
        case .prices: .showPrices
        case .cart: .showCart
        case .checkout: .showCheckout
        case .session: .showSession
        case .history: .showHistory
        case .reports: .showReports
        }
    }
}

/// A pane's name, as the tabs and the help overlay write it.
extension Pane: PhraseTable {}

/// A binding scope's heading in the help overlay and the palette.
extension KeyScope: PhraseTable {}
