// Shim for libncursesw. SwiftPM drops pkg-config -D flags, so the wide-character API
// (get_wch, cchar_t, setcchar) is switched on here, before <curses.h>.
#ifndef TILL_CNCURSES_SHIM_H
#define TILL_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <curses.h>

// Macros and variadics Swift cannot import, as small inline functions.
static inline int till_key_f(int n) { return KEY_F(n); }
static inline attr_t till_a_bold(void) { return A_BOLD; }
static inline attr_t till_a_reverse(void) { return A_REVERSE; }
static inline attr_t till_a_underline(void) { return A_UNDERLINE; }
static inline attr_t till_a_dim(void) { return A_DIM; }
static inline attr_t till_a_normal(void) { return A_NORMAL; }
static inline attr_t till_color_pair(int n) { return COLOR_PAIR(n); }
static inline int till_addstr(const char *s) { return addstr(s); }
static inline int till_mvaddstr(int y, int x, const char *s) { return mvaddstr(y, x, s); }
static inline WINDOW *till_stdscr(void) { return stdscr; }
static inline WINDOW *till_curscr(void) { return curscr; }
static inline int till_lines(void) { return LINES; }
static inline int till_cols(void) { return COLS; }
static inline int till_key_resize(void) { return KEY_RESIZE; }
static inline int till_key_code_yes(void) { return KEY_CODE_YES; }
static inline int till_err(void) { return ERR; }
static inline int till_ok(void) { return OK; }
static inline FILE *till_stdout(void) { return stdout; }
static inline FILE *till_stdin(void) { return stdin; }

// Put one (possibly wide) character with attributes at y, x.
static inline int till_mvadd_wch(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cc;
    setcchar(&cc, wch, attrs, pair, NULL);
    return mvadd_wch(y, x, &cc);
}


// Whether the terminal can address the cursor (TERM=dumb and friends cannot draw panes).
static inline int till_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

// Bracketed paste: the terminal wraps pasted text in ESC[200~ ... ESC[201~. Curses is told to
// report those two sequences as key codes past KEY_MAX, so a paste never reads as keystrokes.
static inline int till_paste_start_code(void) { return KEY_MAX + 1; }
static inline int till_paste_end_code(void) { return KEY_MAX + 2; }
static inline int till_define_paste_keys(void) {
    int start = define_key("\033[200~", KEY_MAX + 1);
    int end = define_key("\033[201~", KEY_MAX + 2);
    return (start == OK && end == OK) ? OK : ERR;
}
#endif
