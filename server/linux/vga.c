/* The VGA text screen (80x25 at 0xB8000) as a second console output: with
 * linux.console=vga, whatever the console tty writes goes to COM1 and here.
 * It is a small terminal in the manner of Linux's console: printable
 * characters with a deferred wrap at the right margin, CR, LF, BS, TAB,
 * scrolling, and the ECMA-48 sequences busybox's line editing, `clear` and
 * coloured output send (cursor moves and positioning, erase in line and
 * display, save and restore, SGR colours); any other escape sequence is
 * parsed to its end and dropped. The hardware cursor follows through the
 * CRT controller. The main thread is the only writer. */
#include "server.h"
#include <l4/kip.h>
#include <l4/sigma0.h>
#include <tessera/portio.h>

#define VGA_TEXT	0xb8000
#define COLUMNS		80
#define ROWS		25
#define CRTC_INDEX	0x3d4
#define CRTC_DATA	0x3d5
#define CRTC_CURSOR_HIGH 0x0e
#define CRTC_CURSOR_LOW	0x0f
#define DEFAULT_FG	7		/* light grey on black */
#define DEFAULT_BG	0
#define PARAMS_MAX	8
#define PARAM_MAX	999		/* larger numbers are clamped */
#define ESC		0x1b

enum parse_state {
	PLAIN,				/* characters go on the screen */
	ESCAPE,				/* after ESC */
	CSI,				/* after ESC [: parameters up to a final byte */
	CHARSET,			/* after ESC ( or ESC ): one designator to drop */
};

static struct {
	bool on;
	uint32_t row, col;
	bool wrap_pending;		/* a character went into the last column */
	uint32_t saved_row, saved_col;	/* ESC 7 / ESC [ s */
	uint8_t fg, bg;			/* ANSI colour numbers 0-7 */
	bool bold, reverse;
	enum parse_state state;
	uint32_t params[PARAMS_MAX];
	uint32_t param_count;		/* parameters begun; 0: none given */
} vga;

static volatile uint16_t *const screen = (volatile uint16_t *)VGA_TEXT;
static bool have_screen;		/* sigma0 gave us the text page */

/* ANSI's colour order (black red green yellow blue magenta cyan white) in
 * the VGA's (blue, green, red bits). */
static const uint8_t vga_colour[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

/* A character in the current colours. Bold brightens the foreground
 * only: the background's bright bit means blinking on a VGA. */
static uint16_t cell(uint8_t c)
{
	uint8_t fg = vga_colour[vga.reverse ? vga.bg : vga.fg] | (vga.bold ? 8 : 0);
	uint8_t bg = vga_colour[vga.reverse ? vga.fg : vga.bg];

	return (uint16_t)((bg << 4 | fg) << 8 | c);
}

static void clear_cells(uint32_t from, uint32_t to)	/* [from, to) of the screen */
{
	uint16_t blank = cell(' ');

	for (uint32_t i = from; i < to; i++)
		screen[i] = blank;
}

static void scroll_up(void)
{
	for (uint32_t i = 0; i < (ROWS - 1) * COLUMNS; i++)
		screen[i] = screen[i + COLUMNS];
	clear_cells((ROWS - 1) * COLUMNS, ROWS * COLUMNS);
}

static void line_feed(void)
{
	if (vga.row == ROWS - 1)
		scroll_up();
	else
		vga.row++;
}

static void move_to(uint32_t row, uint32_t col)
{
	vga.row = row < ROWS ? row : ROWS - 1;
	vga.col = col < COLUMNS ? col : COLUMNS - 1;
	vga.wrap_pending = false;
}

static void put_glyph(uint8_t c)
{
	if (vga.wrap_pending) {
		vga.col = 0;
		line_feed();
		vga.wrap_pending = false;
	}
	screen[vga.row * COLUMNS + vga.col] = cell(c);
	if (vga.col == COLUMNS - 1)
		vga.wrap_pending = true;
	else
		vga.col++;
}

static void control(uint8_t c)
{
	switch (c) {
	case '\r':
		move_to(vga.row, 0);
		break;
	case '\n':
	case '\v':
	case '\f':
		vga.wrap_pending = false;
		line_feed();
		break;
	case '\b':
		move_to(vga.row, vga.col ? vga.col - 1 : 0);
		break;
	case '\t':
		move_to(vga.row, (vga.col | 7) + 1);
		break;
	case ESC:
		vga.state = ESCAPE;
		break;
	case 0x18:			/* CAN and SUB end a sequence */
	case 0x1a:
		vga.state = PLAIN;
		break;
	}
}

/* Parameter i, or `otherwise` if absent or 0 (ECMA-48's default). */
static uint32_t param(uint32_t i, uint32_t otherwise)
{
	return i < vga.param_count && vga.params[i] ? vga.params[i] : otherwise;
}

/* ESC 7 and CSI s save the cursor, ESC 8 and CSI u put it back. */
static void save_or_restore_cursor(bool save)
{
	if (!save) {
		move_to(vga.saved_row, vga.saved_col);
		return;
	}
	vga.saved_row = vga.row;
	vga.saved_col = vga.col;
}

/* ESC [ J and ESC [ K: 0 from the cursor on, 1 up to it, 2 all. */
static void erase(uint32_t how, uint32_t start, uint32_t end)
{
	uint32_t at = vga.row * COLUMNS + vga.col;

	if (how == 0)
		clear_cells(at, end);
	else if (how == 1)
		clear_cells(start, at + 1);
	else if (how == 2)
		clear_cells(start, end);
}

static void select_graphic_rendition(void)
{
	for (uint32_t i = 0; i < vga.param_count || i == 0; i++) {
		uint32_t p = i < vga.param_count ? vga.params[i] : 0;

		if (p == 0) {
			vga.fg = DEFAULT_FG;
			vga.bg = DEFAULT_BG;
			vga.bold = vga.reverse = false;
		} else if (p == 1) {
			vga.bold = true;
		} else if (p == 22) {
			vga.bold = false;
		} else if (p == 7) {
			vga.reverse = true;
		} else if (p == 27) {
			vga.reverse = false;
		} else if (p >= 30 && p <= 37) {
			vga.fg = (uint8_t)(p - 30);
		} else if (p == 39) {
			vga.fg = DEFAULT_FG;
		} else if (p >= 40 && p <= 47) {
			vga.bg = (uint8_t)(p - 40);
		} else if (p == 49) {
			vga.bg = DEFAULT_BG;
		} else if (p == 38 || p == 48) {
			return;		/* 256-colour and RGB forms: what follows is not ours */
		}
	}
}

static void csi_final(uint8_t c)
{
	uint32_t line = vga.row * COLUMNS;

	switch (c) {
	case 'A':
		move_to(vga.row > param(0, 1) ? vga.row - param(0, 1) : 0, vga.col);
		break;
	case 'B':
		move_to(vga.row + param(0, 1), vga.col);
		break;
	case 'C':
		move_to(vga.row, vga.col + param(0, 1));
		break;
	case 'D':
		move_to(vga.row, vga.col > param(0, 1) ? vga.col - param(0, 1) : 0);
		break;
	case 'G':
		move_to(vga.row, param(0, 1) - 1);
		break;
	case 'd':
		move_to(param(0, 1) - 1, vga.col);
		break;
	case 'H':
	case 'f':
		move_to(param(0, 1) - 1, param(1, 1) - 1);
		break;
	case 'J':
		erase(param(0, 0), 0, ROWS * COLUMNS);
		break;
	case 'K':
		erase(param(0, 0), line, line + COLUMNS);
		break;
	case 'm':
		select_graphic_rendition();
		break;
	case 's':
	case 'u':
		save_or_restore_cursor(c == 's');
		break;
	}
}

/* One byte of a CSI sequence: digits and ';' build the parameters, '?'
 * and the intermediates (0x20-0x2f) are dropped, a byte 0x40-0x7e ends it. */
static void csi_byte(uint8_t c)
{
	if (c >= '0' && c <= '9') {
		uint32_t *p = &vga.params[vga.param_count ? vga.param_count - 1 : 0];

		if (!vga.param_count)
			vga.param_count = 1;
		*p = *p * 10 + (c - '0');
		if (*p > PARAM_MAX)
			*p = PARAM_MAX;
	} else if (c == ';') {
		if (!vga.param_count)
			vga.param_count = 1;	/* ";5H": the first one is empty */
		if (vga.param_count < PARAMS_MAX)
			vga.params[vga.param_count++] = 0;
	} else if (c >= 0x40 && c <= 0x7e) {
		csi_final(c);
		vga.state = PLAIN;
	}
}

static void escape_byte(uint8_t c)
{
	vga.state = PLAIN;
	switch (c) {
	case '[':
		vga.state = CSI;
		vga.param_count = 0;
		memset(vga.params, 0, sizeof(vga.params));
		break;
	case '(':
	case ')':
		vga.state = CHARSET;
		break;
	case '7':
	case '8':
		save_or_restore_cursor(c == '7');
		break;
	case 'c':			/* reset */
		vga.fg = DEFAULT_FG;
		vga.bg = DEFAULT_BG;
		vga.bold = vga.reverse = false;
		clear_cells(0, ROWS * COLUMNS);
		move_to(0, 0);
		break;
	}
}

static void put_byte(uint8_t c)
{
	if (c < 0x20 || c == 0x7f) {	/* controls act inside sequences too */
		if (c != 0x7f)
			control(c);
		return;
	}
	switch (vga.state) {
	case PLAIN:
		put_glyph(c);
		break;
	case ESCAPE:
		escape_byte(c);
		break;
	case CSI:
		csi_byte(c);
		break;
	case CHARSET:
		vga.state = PLAIN;
		break;
	}
}

static void move_hardware_cursor(void)
{
	uint16_t at = (uint16_t)(vga.row * COLUMNS + vga.col);

	outb(CRTC_INDEX, CRTC_CURSOR_HIGH);
	outb(CRTC_DATA, (uint8_t)(at >> 8));
	outb(CRTC_INDEX, CRTC_CURSOR_LOW);
	outb(CRTC_DATA, (uint8_t)at);
}

void vga_write(const char *s, uint32_t n)
{
	if (!vga.on || !n)
		return;
	for (uint32_t i = 0; i < n; i++)
		put_byte((uint8_t)s[i]);
	move_hardware_cursor();
}

/* At start, whatever the command line: every page of the VGA window, so
 * that no Linux process asking sigma0 gets one (as with the I/O ports). */
void vga_claim_window(void)
{
	for (uint32_t a = L4_VGA_WINDOW_BASE; a < L4_VGA_WINDOW_END; a += PAGE_SIZE)
		if (l4_sigma0_request(L4_SIGMA0_PAGE, L4_FPAGE(a, 12, 1), L4_WHOLE_SPACE, NULL) ==
			    L4_SIGMA0_OK &&
		    a == VGA_TEXT)
			have_screen = true;
}

/* The screen starts empty: what the firmware and the loader left is not
 * the console's. */
void vga_init(void)
{
	if (!cmdline_has("linux.console=vga"))
		return;
	if (!have_screen) {
		log("cannot map the VGA text screen: the console stays serial only\n");
		return;
	}
	vga.on = true;
	vga.fg = DEFAULT_FG;
	vga.bg = DEFAULT_BG;
	clear_cells(0, ROWS * COLUMNS);
	move_to(0, 0);
	move_hardware_cursor();
	log("the console is on the VGA text screen too\n");
}
