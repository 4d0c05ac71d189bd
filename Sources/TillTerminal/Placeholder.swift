// TillTerminal: the ncurses backend and effect runtime. Filled in by the terminal workstation issue (#6).
