import Foundation

/// The app reducer: applies one action to the state and returns the I/O to perform.
public func reduce(into state: inout AppState, action: AppAction) -> [Effect] {
    []
}
