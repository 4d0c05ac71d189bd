#define _GNU_SOURCE 1
// Till's signal handling, in C because the handlers must be async-signal-safe: they only touch
// pre-built bytes and saved state, and call write(), tcsetattr(), sigaction() and raise().
#include "till_signals.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/// Bytes that put a terminal back in shell shape: attributes off, cursor shown, keypad
/// transmit off, alternate screen left.
static const char till_reset_bytes[] = "\033[0m\033[?25h\033[?1l\033>\033[?2004l\033[?1049l";

static struct termios till_saved_termios = {0};
static volatile sig_atomic_t till_saved_termios_valid = 0;
static volatile sig_atomic_t till_tty_fd = -1;
static volatile sig_atomic_t till_wake_fd = -1;
static volatile sig_atomic_t till_pending_signal = 0;
static volatile sig_atomic_t till_reset_on_crash = 1;
static struct sigaction till_previous_winch = {0};
static char till_alt_stack[65536] = {0};

static void till_wake(void) {
    int fd = till_wake_fd;
    if (fd >= 0) {
        char byte = 's';
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
}

/// SIGINT/SIGTERM/SIGHUP/SIGQUIT: note the signal and wake the loop, which restores and exits.
static void till_quit_handler(int signo) {
    int saved_errno = errno;
    if (till_pending_signal == 0) till_pending_signal = signo;
    till_wake();
    errno = saved_errno;
}

/// Crashes: reset the terminal with pre-built bytes, restore termios, die by the same signal.
static void till_crash_handler(int signo) {
    int fd = till_tty_fd;
    if (fd >= 0) {
        if (till_reset_on_crash) {
            ssize_t ignored = write(fd, till_reset_bytes, sizeof till_reset_bytes - 1);
            (void)ignored;
        }
        if (till_saved_termios_valid) tcsetattr(fd, TCSANOW, &till_saved_termios);
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(signo, &dfl, NULL);
    raise(signo);
}

/// SIGWINCH: let ncurses note the resize (so get_wch yields KEY_RESIZE), then wake the loop.
static void till_winch_handler(int signo) {
    int saved_errno = errno;
    if (till_previous_winch.sa_flags & SA_SIGINFO) {
        if (till_previous_winch.sa_sigaction) till_previous_winch.sa_sigaction(signo, NULL, NULL);
    } else if (till_previous_winch.sa_handler != SIG_DFL && till_previous_winch.sa_handler != SIG_IGN
               && till_previous_winch.sa_handler != NULL) {
        till_previous_winch.sa_handler(signo);
    }
    till_wake();
    errno = saved_errno;
}

static int till_set_handler(int signo, void (*handler)(int), int flags) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    return sigaction(signo, &action, NULL);
}

/// Save the terminal's shell-mode termios and install the quit and crash handlers.
/// Call before curses starts, so ncurses keeps its hands off SIGINT/SIGTERM.
int till_signals_install(int tty_fd, int wake_fd) {
    till_tty_fd = tty_fd;
    till_wake_fd = wake_fd;
    till_reset_on_crash = 1;
    till_pending_signal = 0;
    if (tcgetattr(tty_fd, &till_saved_termios) == 0) till_saved_termios_valid = 1;

    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = till_alt_stack;
    stack.ss_size = sizeof till_alt_stack;
    sigaltstack(&stack, NULL);

    int quit[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    for (unsigned i = 0; i < sizeof quit / sizeof quit[0]; i++)
        if (till_set_handler(quit[i], till_quit_handler, 0) != 0) return -1;
    int crash[] = { SIGSEGV, SIGABRT, SIGILL, SIGTRAP, SIGBUS, SIGFPE };
    for (unsigned i = 0; i < sizeof crash / sizeof crash[0]; i++)
        if (till_set_handler(crash[i], till_crash_handler, SA_ONSTACK | SA_RESETHAND) != 0) return -1;
    return 0;
}

/// For a prompt with echo off (no curses): save termios and, on any quit or crash signal,
/// put it back and die by that signal, so an interrupted `till login` never leaves echo off.
int till_guard_termios(int tty_fd) {
    till_tty_fd = tty_fd;
    till_reset_on_crash = 0;
    if (tcgetattr(tty_fd, &till_saved_termios) != 0) return -1;
    till_saved_termios_valid = 1;
    int all[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGILL, SIGTRAP, SIGBUS };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++)
        if (till_set_handler(all[i], till_crash_handler, SA_RESETHAND) != 0) return -1;
    return 0;
}

/// Wrap ncurses' SIGWINCH handler (call after newterm) so a resize also wakes poll().
int till_signals_chain_winch(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = till_winch_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return sigaction(SIGWINCH, &action, &till_previous_winch);
}

/// The quit signal that arrived (0 if none), cleared on read.
int till_signals_take_pending(void) {
    int signo = till_pending_signal;
    till_pending_signal = 0;
    return signo;
}

/// Put every handler back to the default and forget the file descriptors.
void till_signals_uninstall(void) {
    int all[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGILL, SIGTRAP, SIGBUS, SIGFPE };
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) till_set_handler(all[i], SIG_DFL, 0);
    sigaction(SIGWINCH, &till_previous_winch, NULL);
    till_wake_fd = -1;
    till_tty_fd = -1;
    till_saved_termios_valid = 0;
}

/// Restore the termios saved at install (after endwin, as a belt to its braces).
int till_restore_saved_termios(void) {
    if (!till_saved_termios_valid || till_tty_fd < 0) return -1;
    return tcsetattr(till_tty_fd, TCSANOW, &till_saved_termios);
}

/// Write the reset bytes (used on the normal path when endwin cannot run).
void till_write_reset_bytes(int fd) {
    ssize_t ignored = write(fd, till_reset_bytes, sizeof till_reset_bytes - 1);
    (void)ignored;
}
