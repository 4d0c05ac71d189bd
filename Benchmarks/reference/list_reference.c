/* A small ncurses reference for Till's terminal figures: a 22-row, 79-column list of
 * 100,000 items with a reverse-video bar, drawn the way Till draws (every frame rebuilt into
 * stdscr, one doupdate). Keys: j/k move, PgDn/PgUp page, '/' starts a substring filter
 * (typed characters refine it, Backspace widens, Esc clears), Ctrl-L repaints, q quits.
 *
 * Benchmark protocol (shared with till-bench's Till child): after each frame caused by
 * input, one line "<nanoseconds from input read to end of doupdate>\n" goes to the file
 * descriptor named by BENCH_REPORT_FD.
 *
 * Build: cc -O2 -o list_reference list_reference.c $(pkg-config --cflags --libs ncursesw)
 */
#define _GNU_SOURCE 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ITEMS 100000
#define ROWS 22
#define COLS_LIST 79

static char names[ITEMS][48];
static int visible[ITEMS];
static int visible_count;
static char query[64];
static int filtering;

static unsigned long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (unsigned long long)t.tv_sec * 1000000000ull + (unsigned long long)t.tv_nsec;
}

static void refilter(void) {
    visible_count = 0;
    for (int i = 0; i < ITEMS; i++)
        if (query[0] == 0 || strcasestr(names[i], query)) visible[visible_count++] = i;
}

static void draw(int selection, int top) {
    char line[COLS_LIST + 1];
    for (int row = 0; row < ROWS; row++) {
        int index = top + row;
        if (index < visible_count)
            snprintf(line, sizeof line, " %-46s %8s %-10s %10s", names[visible[index]], "2 prices", "active",
                     "2026-11-25");
        else
            line[0] = 0;
        int length = (int)strlen(line);
        memset(line + length, ' ', COLS_LIST - length);
        line[COLS_LIST] = 0;
        if (index == selection) attron(A_REVERSE);
        mvaddstr(row + 1, 0, line);
        if (index == selection) attroff(A_REVERSE);
    }
    mvprintw(ROWS + 1, 0, "%s%-40s", filtering ? "/" : " ", query);
    wnoutrefresh(stdscr);
    doupdate();
}

int main(void) {
    setlocale(LC_ALL, "");
    for (int i = 0; i < ITEMS; i++) snprintf(names[i], sizeof names[i], "Product %06d", ITEMS - i);
    refilter();
    const char *fd_text = getenv("BENCH_REPORT_FD");
    int report = fd_text ? atoi(fd_text) : -1;

    newterm(NULL, stdout, stdin);
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    leaveok(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);

    int selection = 0, top = 0, running = 1;
    draw(selection, top);
    struct pollfd fds[1] = { { .fd = 0, .events = POLLIN } };
    while (running) {
        if (poll(fds, 1, -1) <= 0) continue;
        unsigned long long input_at = now_ns();
        int drew = 0;
        wint_t ch;
        int status;
        while ((status = get_wch(&ch)) != ERR) {
            int key = (int)ch;
            if (filtering && status == OK && key != 27 && key != 127 && key != 8 && key != '\r') {
                size_t n = strlen(query);
                if (n + 1 < sizeof query) { query[n] = (char)key; query[n + 1] = 0; }
                refilter();
                selection = top = 0;
            } else if (status == KEY_CODE_YES && key == KEY_NPAGE) {
                selection += ROWS; if (selection >= visible_count) selection = visible_count - 1;
                top += ROWS; if (top > selection) top = selection;
            } else if (status == KEY_CODE_YES && key == KEY_PPAGE) {
                selection -= ROWS; if (selection < 0) selection = 0;
                top -= ROWS; if (top < 0) top = 0;
            } else if ((status == KEY_CODE_YES && key == KEY_BACKSPACE) || (filtering && (key == 127 || key == 8))) {
                size_t n = strlen(query);
                if (n > 0) { query[n - 1] = 0; refilter(); selection = top = 0; }
            } else if (key == 27 || key == '\r') {
                if (key == 27) { query[0] = 0; refilter(); selection = top = 0; }
                filtering = 0;
            } else if (key == 'j' || (status == KEY_CODE_YES && key == KEY_DOWN)) {
                if (selection + 1 < visible_count) selection++;
                if (selection >= top + ROWS) top = selection - ROWS + 1;
            } else if (key == 'k' || (status == KEY_CODE_YES && key == KEY_UP)) {
                if (selection > 0) selection--;
                if (selection < top) top = selection;
            } else if (key == '/') {
                filtering = 1;
            } else if (key == 12) {
                clearok(curscr, TRUE);  /* Ctrl-L: repaint everything, as Till does */
            } else if (key == 'q') {
                running = 0;
            }
            drew = 1;
        }
        if (!drew || !running) continue;
        draw(selection, top);
        if (report >= 0) {
            char text[32];
            int n = snprintf(text, sizeof text, "%llu\n", now_ns() - input_at);
            if (write(report, text, n) < 0) { /* the driver went away */ }
        }
    }
    endwin();
    return 0;
}
