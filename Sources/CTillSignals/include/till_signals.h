// Till's signal handling (see till_signals.c): restore the terminal on every way out.
#ifndef TILL_SIGNALS_H
#define TILL_SIGNALS_H

/// Save the terminal's shell-mode termios and install the quit handlers (SIGINT, SIGTERM,
/// SIGHUP, SIGQUIT: note the signal, wake the loop) and crash handlers (SIGSEGV, SIGABRT,
/// SIGILL, SIGTRAP, SIGBUS, SIGFPE: reset bytes, saved termios, re-raise). Call before curses.
int till_signals_install(int tty_fd, int wake_fd);

/// Wrap ncurses' SIGWINCH handler (call after newterm) so a resize also wakes poll().
int till_signals_chain_winch(void);

/// The quit signal that arrived (0 if none), cleared on read.
int till_signals_take_pending(void);

/// Put every handler back to the default and forget the file descriptors.
void till_signals_uninstall(void);

/// Restore the termios saved at install.
int till_restore_saved_termios(void);

/// Write the reset bytes (attributes off, cursor shown, keypad off, alternate screen left).
void till_write_reset_bytes(int fd);

/// For a prompt with echo off (no curses): on any quit or crash signal, restore the saved
/// termios and die by that signal, so an interrupted prompt never leaves echo off.
int till_guard_termios(int tty_fd);

#endif
