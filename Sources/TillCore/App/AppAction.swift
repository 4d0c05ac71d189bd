import Foundation

/// Everything that can happen to Till, named for what happened.
public enum AppAction: Hashable, Sendable {
    /// The runtime is up: load the cache and start refreshing the catalog.
    case started
    /// A saved checkout draft was found at start-up (cart, URLs, idempotency key).
    case draftRestored(CheckoutDraft)
    /// The terminal was resized (SIGWINCH / KEY_RESIZE).
    case screenResized(ScreenSize)
    /// The operator picked a pane (keys 1-5).
    case paneSelected(Pane)
    /// `?` pressed: help shown or hidden.
    case helpToggled
    /// `q` pressed.
    case quitRequested
    /// Something happened in the open form of the focused pane.
    case form(FormAction)
    /// The pending y/n question was answered.
    case confirmationAnswered(Bool)
    /// A scheduled tick fired; `now` is the runtime's clock.
    case ticked(TickID, now: Date)

    case catalog(CatalogAction)
    case prices(PricesAction)
    case cart(CartAction)
    case checkout(CheckoutAction)
    case sessions(SessionsAction)
}
