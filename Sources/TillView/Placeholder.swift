// TillView: render(state, size) -> Frame. Filled in by the terminal workstation issue (#6).
