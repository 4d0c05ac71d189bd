import Foundation

/// Parked carts (open tickets): `p` sets the current sale aside under a label and starts an
/// empty one; `P` lists them to resume or discard. A cart not yet checked out is parked as its
/// lines; once its session exists, the session is parked, so resuming shows its live status.
public enum ParkedFeature {
    /// What parking needs of the app.
    public enum Delegate: Hashable, Sendable {
        /// The cart was parked: the cart starts empty and the next sale begins on the products pane.
        case cartParked
        /// The watched session was parked: the session pane is freed for the next sale.
        case sessionParked
        /// A parked cart is the cart again.
        case cartResumed(Cart)
        /// A parked session is shown again, fetched fresh and polled if still open.
        case sessionResumed(CheckoutSession)
    }

    /// What the feature needs of its parent.
    /// (Built by the app reducer; the memberwise initialiser is internal on purpose.)
    public struct Context: Hashable, Sendable {
        /// The cart as it stands.
        public var cart: Cart
        /// The session on the session pane, if it is still open (awaiting payment).
        public var openSession: CheckoutSession?
        /// Whether a checkout session is being created from the cart (which must then stay).
        public var isCheckoutBusy: Bool
        /// The latest time the runtime reported: when a ticket is parked.
        public var now: Date
        /// This till's name: tickets it parks carry it, and the limit counts them.
        public var till: String
    }

    public static func reduce(into state: inout ParkedState, action: ParkedAction,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .parkRequested:
            guard state.labelForm == nil else { return .none }
            if let refusal = refusal(toPark: state, context: context) { return .error(refusal) }
            state.isListShown = false
            state.labelForm = FormState()
            return .none

        case .labelForm(let formAction):
            return reduceLabel(into: &state, action: formAction, context: context)

        case .listToggled:
            if state.isListShown {
                state.isListShown = false
                return .none
            }
            guard !state.tickets.isEmpty else { return .info(.noCartsParked) }
            state.isListShown = true
            state.selection = min(state.selection, state.tickets.count - 1)
            return .none

        case .listClosed:
            state.isListShown = false
            return .none

        case .selectionMoved(let movement):
            state.selection = movement.apply(to: state.selection, count: state.tickets.count)
            return .none

        case .resumeRequested:
            guard state.claiming == nil, let ticket = state.selectedTicket else { return .none }
            if let refusal = refusal(toResume: ticket, context: context) { return .error(refusal) }
            // The ticket is the shop's: another till may reach for it at the same moment. The store
            // gives it to one of them (compare-and-set); the answer comes as `.claimAnswered`.
            state.claiming = ticket.id
            return Reduced([.claimParked(id: ticket.id, purpose: .resume)], status: .info(.resuming(label: ticket.label)))

        case .discardRequested:
            guard state.claiming == nil, let ticket = state.selectedTicket else { return .none }
            return Reduced(question: .discardParked(id: ticket.id, label: ticket.label, sessionId: ticket.session?.id))

        case .discardConfirmed(let id):
            guard state.claiming == nil, let ticket = state.tickets.first(where: { $0.id == id }) else { return .none }
            state.claiming = ticket.id
            return Reduced([.claimParked(id: id, purpose: .discard)], status: .info(.discarding(label: ticket.label)))
        }
    }

    /// What the runtime reported back (see the answer type).
    public static func reduce(into state: inout ParkedState, action: ParkedAnswer,
                              context: Context) -> Reduced<Delegate> {
        switch action {
        case .claimAnswered(let id, let purpose, let answer):
            guard state.claiming == id else { return .none }
            state.claiming = nil
            let label = state.tickets.first { $0.id == id }?.label
            switch answer {
            case .failure(let failure):
                return .error(.ticketStoreUnreachable(label: label, reason: failure.message))
            case .success(.gone):
                remove(id, from: &state)
                if state.tickets.isEmpty { state.isListShown = false }
                return .error(.ticketGone(label: label))
            case .success(.taken(let till)):
                remove(id, from: &state)
                if state.tickets.isEmpty { state.isListShown = false }
                return .error(.ticketTaken(label: label, till: till))
            case .success(.claimed(let ticket)):
                remove(id, from: &state)
                if state.tickets.isEmpty { state.isListShown = false }
                if purpose == .discard { return .info(.discarded(label: ticket.label)) }
                // The sale may have changed while the store answered: the ticket then goes back.
                if let refusal = refusal(toResume: ticket, context: context) {
                    var back = ticket
                    back.till = context.till.isEmpty ? nil : context.till
                    state.tickets.append(back)
                    return Reduced([.parkTicket(back)], status: .error(refusal))
                }
                state.isListShown = false
                let delegate: Delegate = switch ticket.content {
                case .cart(let cart): .cartResumed(cart)
                case .session(let session): .sessionResumed(session)
                }
                return Reduced(status: .info(.resumed(label: ticket.label)), delegates: [delegate])
            }

        case .parkFailed(let ticket, let failure):
            guard state.tickets.contains(where: { $0.id == ticket.id }) else { return .none }
            remove(ticket.id, from: &state)
            func failed(_ outcome: ParkFailureOutcome) -> Message {
                .parkFailed(label: ticket.label, reason: failure.message, outcome)
            }
            switch ticket.content {
            case .cart(let cart) where context.cart.isEmpty && !context.isCheckoutBusy:
                return Reduced(status: .error(failed(.cartBack)), delegates: [.cartResumed(cart)])
            case .session(let session) where context.openSession == nil:
                return Reduced(status: .error(failed(.sessionBack)), delegates: [.sessionResumed(session)])
            case .cart, .session:
                // The sale here moved on: keep the ticket listed on this till, to park again later.
                state.tickets.append(ticket)
                return .error(failed(.keptHere))
            }

        case .restored(let tickets):
            // Everything saved comes back, even past the capacity (nothing is dropped); the
            // capacity only stops more from being parked.
            state.tickets = tickets
            state.selection = 0
            return .none

        case .shopListed(let tickets):
            // The selection stays on the ticket it was on, when that ticket is still there.
            let selected = state.selectedTicket?.id
            state.tickets = tickets
            state.selection = tickets.firstIndex { $0.id == selected } ?? min(state.selection, max(tickets.count - 1, 0))
            if tickets.isEmpty { state.isListShown = false }
            return .none
        }
    }

    /// Why `ticket` cannot become the current sale now, if it cannot.
    private static func refusal(toResume ticket: ParkedTicket, context: Context) -> Message? {
        switch ticket.content {
        case .cart:
            if context.isCheckoutBusy {
                return .resumeWaitsForCheckout(label: ticket.label)
            }
            if !context.cart.isEmpty {
                return .resumeNeedsEmptyCart(label: ticket.label)
            }
        case .session(let session):
            if let open = context.openSession, open.id != session.id {
                return .resumeNeedsSessionParked(openSessionId: open.id, label: ticket.label)
            }
        }
        return nil
    }

    /// The label prompt: Enter parks under the typed label (or the default), Esc cancels.
    private static func reduceLabel(into state: inout ParkedState, action: FormAction,
                                    context: Context) -> Reduced<Delegate> {
        guard case (var form, let freshID)? = action.submission(of: &state.labelForm, edit: { $0.edit(action) }) else {
            return .none
        }
        // The sale may have changed while the prompt was open (the session got paid).
        if let refusal = refusal(toPark: state, context: context) {
            state.labelForm = nil
            return .error(refusal)
        }
        let typed = form.trimmed(.label)
        let label = typed.isEmpty ? state.defaultLabel : typed
        if let problem = problem(withLabel: label, in: state) {
            form.refuse(problem, at: .label)
            state.labelForm = form
            return .none
        }
        let content: ParkedTicket.Content
        let delegate: Delegate
        if !context.cart.isEmpty {
            content = .cart(context.cart)
            delegate = .cartParked
        } else if let session = context.openSession {
            content = .session(session)
            delegate = .sessionParked
        } else {
            state.labelForm = nil
            return .error(.nothingToPark)
        }
        let ticket = ParkedTicket(id: freshID, label: label, content: content, parkedAt: context.now,
                                  till: context.till.isEmpty ? nil : context.till)
        state.tickets.append(ticket)
        state.labelForm = nil
        return Reduced([.parkTicket(ticket)],
                       status: .info(.parked(label: label, items: ticket.itemCount, total: ticket.total)),
                       delegates: [delegate])
    }

    /// Why the current sale cannot be parked now, if it cannot.
    private static func refusal(toPark state: ParkedState, context: Context) -> Message? {
        if context.isCheckoutBusy {
            return .parkWaitsForCheckout
        }
        if context.cart.isEmpty && context.openSession == nil { return .nothingToPark }
        if state.count(parkedBy: context.till) >= ParkedState.capacity {
            return .parkedCapacityReached(ParkedState.capacity)
        }
        return nil
    }

    /// What is wrong with a label, if anything.
    static func problem(withLabel label: String, in state: ParkedState) -> Message? {
        if label.count > ParkedState.maximumLabelLength {
            return .labelTooLong(maximum: ParkedState.maximumLabelLength)
        }
        // Control and format characters (bidi overrides and the like) would garble the list;
        // the zero-width joiner stays, emoji sequences need it.
        let garbling = label.unicodeScalars.contains { scalar in
            let category = scalar.properties.generalCategory
            return category == .control || (category == .format && scalar.value != 0x200D)
        }
        if garbling {
            return .labelHasControlCharacters
        }
        if state.tickets.contains(where: { $0.label == label }) {
            return .labelInUse(label)
        }
        return nil
    }

    private static func remove(_ id: String, from state: inout ParkedState) {
        state.tickets.removeAll { $0.id == id }
        state.selection = min(state.selection, max(state.tickets.count - 1, 0))
    }
}
