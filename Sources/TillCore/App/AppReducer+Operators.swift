import Foundation

// Who is at the till, as the app reducer sees it: the sign-in feature's delegates, the
// permission check every guarded question passes, the audit of what was confirmed, and the
// operator's name stamped on what a sale leaves behind (the draft, the session, a parked ticket).
extension AppReducer {
    func operators(_ action: OperatorsAction, in state: inout AppState) -> [Effect] {
        operators(in: &state, now: nil) { OperatorsFeature.reduce(into: &$0, action: action) }
    }

    func operators(_ answer: OperatorsAnswer, in state: inout AppState) -> [Effect] {
        let now: Date? = if case .pinChecked(_, _, _, let now) = answer { now } else { nil }
        return operators(in: &state, now: now) { OperatorsFeature.reduce(into: &$0, action: answer) }
    }

    /// `now`: the clock of the PIN check that answered, if one did.
    private func operators(in state: inout AppState, now: Date?,
                           _ reduce: (inout OperatorsState) -> Reduced<OperatorsFeature.Delegate>) -> [Effect] {
        let owner = state.operators.current?.name
        let result = reduce(&state.operators)
        return apply(result, to: &state) { delegate, state in
            switch delegate {
            case .signedIn(let person, let previous):
                // The cart of whoever locked waits for them: another operator starts with it parked.
                guard let previous, previous != person.name, !state.cart.cart.isEmpty, let now else { return [] }
                return parkForOwner(previous, now: now, in: &state)
            case .locked(let by, let idle):
                // Nothing of the sale stays on screen, and no half-answered question survives the lock.
                state.confirmation = nil
                state.isHelpVisible = false
                state.palette = PaletteState()
                state.parked.labelForm = nil
                state.refunds.form = nil
                state.session.isQRFullScreen = false
                return [.audit(AuditNote(action: .lock, operatorName: by ?? owner, objectId: idle ? "lock_after" : nil))]
            case .approved(let manager, _):
                state.operators.approvedBy = manager.name
                let effects = route(.confirmationAnswered(true), in: &state)
                state.operators.approvedBy = nil
                return effects
            case .approvalCancelled(let guarded):
                state.confirmation = nil
                state.status.message = .info(.approvalCancelled(guarded))
                return [.audit(AuditNote(action: .approvalRefused, operatorName: owner, objectId: guarded.rawValue))]
            }
        }
    }

    /// Parks the cart under its owner's name when someone else signs in.
    private func parkForOwner(_ owner: String, now: Date, in state: inout AppState) -> [Effect] {
        guard state.parked.labelForm == nil else { return [] }
        var effects = route(.parked(.parkRequested), in: &state)
        guard state.parked.labelForm != nil else { return effects }
        let id = "\(owner.lowercased().filter { $0.isLetter || $0.isNumber })-\(Int64(now.timeIntervalSince1970 * 1000))"
        effects += route(.parked(.labelForm(.submitted(freshID: id))), in: &state)
        if let index = state.parked.tickets.firstIndex(where: { $0.id == id }) {
            state.parked.tickets[index].operatorName = owner
        }
        state.status.message = .info(.cartParkedForOwner(owner))
        return effects.map { effect in
            guard case .parkTicket(var ticket) = effect, ticket.id == id else { return effect }
            ticket.operatorName = owner
            return .parkTicket(ticket)
        }
    }

    /// Asks a feature's question, unless the shop's permissions say otherwise: a cashier needs a
    /// manager's PIN (`approval`) or may not at all (`manager`).
    func ask(_ question: Confirmation, in state: inout AppState) {
        guard state.operators.isActive, let guarded = Self.guardedAction(of: question, in: state) else {
            state.confirmation = question
            return
        }
        switch state.operators.permissions.decide(guarded, by: state.operators.current) {
        case .allowed:
            state.confirmation = question
        case .needsApproval:
            guard !state.operators.managers.isEmpty else {
                state.status.message = .error(.needsManagerNoneInShop(guarded))
                return
            }
            state.confirmation = question
            state.operators.approval = ApprovalPrompt(action: guarded)
        case .refused:
            state.status.message = .error(.managerOnly(guarded))
        }
    }

    /// The permission a question needs, if any (the view asks it too, to say who will be recorded).
    public static func guardedAction(of question: Confirmation, in state: AppState) -> GuardedAction? {
        switch question {
        case .refund: return .refund
        case .closeShift: return .zClose
        case .expireSessions: return .expireAll
        case .archiveProduct(_, _, true): return .archiveProduct
        case .discardParked(let id, _, _):
            let parkedBy = state.parked.tickets.first { $0.id == id }?.operatorName
            guard let parkedBy, parkedBy != state.operators.current?.name else { return nil }
            return .discardOthersTicket
        case .archiveProduct, .removeLastCartLine, .expireSession, .liveCheckout, .quitWithStoreAway:
            return nil
        }
    }

    /// The audit entry of a confirmed question, with operators in the shop (nil: nothing to record).
    func auditNote(for question: Confirmation, in state: AppState) -> AuditNote? {
        guard state.operators.isActive else { return nil }
        let who = state.operators.current?.name, approver = state.operators.approvedBy
        switch question {
        case .refund(let choice, _):
            return AuditNote(action: .refund, operatorName: who, objectId: choice.sessionId, amount: choice.amount, approvedBy: approver)
        case .closeShift(_, let number):
            return AuditNote(action: .zClose, operatorName: who, objectId: String(number), approvedBy: approver)
        case .expireSessions(let ids):
            return AuditNote(action: .expireAll, operatorName: who, objectId: ids.joined(separator: ","), approvedBy: approver)
        case .discardParked(let id, _, _):
            return AuditNote(action: .ticketDiscarded, operatorName: who, objectId: id, approvedBy: approver)
        case .archiveProduct(let id, _, true):
            return AuditNote(action: .productArchived, operatorName: who, objectId: id, approvedBy: approver)
        case .archiveProduct, .removeLastCartLine, .expireSession, .liveCheckout, .quitWithStoreAway:
            return nil
        }
    }

    /// The signed-in operator's name on the draft (so on the session's `metadata.operator`) and
    /// on a ticket parked; what already names someone is kept.
    func stampOperator(_ effects: [Effect], in state: AppState) -> [Effect] {
        guard let name = state.operators.current?.name else { return effects }
        return effects.map { effect in
            switch effect {
            case .saveDraft(var draft) where draft.operatorName == nil:
                draft.operatorName = name
                return .saveDraft(draft)
            case .createCheckoutSession(var draft, let key) where draft.operatorName == nil:
                draft.operatorName = name
                return .createCheckoutSession(draft, idempotencyKey: key)
            case .parkTicket(var ticket) where ticket.operatorName == nil:
                ticket.operatorName = name
                return .parkTicket(ticket)
            default:
                return effect
            }
        }
    }
}
