/* The PS/2 keyboard as a user-level driver: a top half takes interrupt 1
 * as IPC, reads the controller's bytes, translates scan code set 1 (what
 * the i8042 delivers with the translation the BIOS leaves on) for a US
 * layout into the bytes a Linux console sends, and stores them in its ring
 * for the shared bottom half (input.c). Active with linux.console=vga.
 *
 * Keys give ASCII with shift, caps lock (letters only) and ctrl (^C, ^Z,
 * ^\ and ^D reach the line discipline as such); alt sends ESC first, as
 * Linux's meta does; Enter is CR and Backspace DEL, as on Linux; arrows
 * and the editing keys send their VT100 sequences. Codes the tables do
 * not know, controller replies and mouse bytes are dropped. */
#include "server.h"
#include <l4/timeout.h>
#include <tessera/portio.h>

#define KBD_DATA	0x60
#define KBD_STATUS	0x64
#define KBD_IRQ		1
#define STATUS_OUTPUT_FULL 0x01		/* a byte waits in KBD_DATA */
#define STATUS_AUX	0x20		/* ... and it is the mouse's */

#define RELEASED	0x80		/* set 1: a break code is the make code | 0x80 */
#define PREFIX_EXTENDED	0xe0		/* the next code is a grey key's */
#define PREFIX_PAUSE	0xe1		/* Pause: E1 1D 45 E1 9D C5, no break */
#define PAUSE_TAIL	2		/* codes after each E1 */
#define KBD_ERROR	0x00		/* the controller's error and overrun codes */
#define KBD_OVERRUN	0xff
#define ESC		0x1b

#define SC_CTRL		0x1d
#define SC_LEFT_SHIFT	0x2a
#define SC_RIGHT_SHIFT	0x36
#define SC_ALT		0x38
#define SC_CAPS_LOCK	0x3a
#define SC_KEYPAD_FIRST	0x47
#define SC_KEYPAD_ENTER	0x1c		/* after E0 */
#define SC_KEYPAD_SLASH	0x35		/* after E0 */

/* Make codes 0x00-0x39 (0 where a key gives nothing by itself: Ctrl,
 * Shift, Alt). */
static const char plain[] = "\0\0331234567890-=\177\tqwertyuiop[]\r\0asdfghjkl;'`\0\\zxcvbnm,./\0*\0 ";
static const char shifted[] = "\0\033!@#$%^&*()_+\177\tQWERTYUIOP{}\r\0ASDFGHJKL:\"~\0|ZXCVBNM<>?\0*\0 ";
_Static_assert(sizeof(plain) == 0x3a + 1 && sizeof(shifted) == sizeof(plain),
	       "the tables end with the space bar, 0x39");
/* The keypad, 0x47-0x53, as with Num Lock on. */
static const char keypad[] = "789-456+1230.";

/* Grey keys after E0, and what they send. */
static const struct {
	uint8_t code;
	const char *sends;
} extended[] = {
	{ 0x48, "\033[A" }, { 0x50, "\033[B" }, { 0x4d, "\033[C" }, { 0x4b, "\033[D" },
	{ 0x47, "\033[1~" }, { 0x52, "\033[2~" }, { 0x53, "\033[3~" }, { 0x4f, "\033[4~" },
	{ 0x49, "\033[5~" }, { 0x51, "\033[6~" },
	{ SC_KEYPAD_ENTER, "\r" }, { SC_KEYPAD_SLASH, "/" },
};

static struct {
	bool left_shift, right_shift, ctrl, alt, caps_lock;
	bool extended;			/* E0 came before this code */
	uint32_t pause_left;		/* codes of a Pause sequence still to drop */
} kbd;

static struct input_ring ring;
static bool active;
static uint8_t top_stack[4096] __attribute__((aligned(16)));

static bool put_string(const char *s)
{
	bool stored = false;

	while (*s)
		stored |= input_ring_put(&ring, (uint8_t)*s++);
	return stored;
}

/* A key's character (shift already applied) through the other modifiers. */
static bool put_key(char c)
{
	if (kbd.caps_lock && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
		c ^= 0x20;		/* caps lock inverts shift for letters */
	if (kbd.ctrl && c >= '@' && c <= '~')
		c &= 0x1f;
	if (kbd.alt)
		input_ring_put(&ring, ESC);
	return input_ring_put(&ring, (uint8_t)c);
}

/* One code after E0. Right Ctrl and Alt act as the left ones. */
static bool extended_code(uint8_t code, bool released)
{
	if (code == SC_CTRL)
		kbd.ctrl = !released;
	else if (code == SC_ALT)
		kbd.alt = !released;
	if (released)
		return false;
	for (uint32_t i = 0; i < ARRAY_SIZE(extended); i++)
		if (extended[i].code == code)
			return put_string(extended[i].sends);
	return false;		/* E0 2A and the like: the make codes of fake shifts */
}

static bool modifier(uint8_t code, bool released)
{
	switch (code) {
	case SC_LEFT_SHIFT:
		kbd.left_shift = !released;
		return true;
	case SC_RIGHT_SHIFT:
		kbd.right_shift = !released;
		return true;
	case SC_CTRL:
		kbd.ctrl = !released;
		return true;
	case SC_ALT:
		kbd.alt = !released;
		return true;
	case SC_CAPS_LOCK:
		if (!released)
			kbd.caps_lock = !kbd.caps_lock;
		return true;
	}
	return false;
}

/* One byte from the controller; true if something went into the ring. */
static bool scan_code(uint8_t byte)
{
	uint8_t code = byte & ~RELEASED;
	bool released = byte & RELEASED, was_extended = kbd.extended;

	kbd.extended = false;
	if (kbd.pause_left) {
		kbd.pause_left--;
		return false;
	}
	if (byte == PREFIX_EXTENDED) {
		kbd.extended = true;
		return false;
	}
	if (byte == PREFIX_PAUSE) {
		kbd.pause_left = PAUSE_TAIL;
		return false;
	}
	if (byte == KBD_ERROR || byte == KBD_OVERRUN)
		return false;
	if (was_extended)
		return extended_code(code, released);
	if (modifier(code, released) || released)
		return false;
	if (code < sizeof(plain) - 1) {
		char c = kbd.left_shift || kbd.right_shift ? shifted[code] : plain[code];

		return c ? put_key(c) : false;
	}
	if (code >= SC_KEYPAD_FIRST && code < SC_KEYPAD_FIRST + sizeof(keypad) - 1)
		return put_key(keypad[code - SC_KEYPAD_FIRST]);
	return false;		/* function keys, locks, codes no key has */
}

static void __attribute__((noreturn)) top_half(void)
{
	struct l4_words w;

	for (;;) {
		bool stored = false;
		uint8_t status;

		l4_ipc_receive(L4_IRQ_ID(KBD_IRQ), L4_IPC_SHORT_MSG, &w, L4_TIMEOUT_NEVER);
		while ((status = inb(KBD_STATUS)) & STATUS_OUTPUT_FULL) {
			uint8_t byte = inb(KBD_DATA);

			if (!(status & STATUS_AUX))
				stored |= scan_code(byte);
		}
		if (stored)
			input_wake();
	}
}

/* The controller is used as the BIOS left it (keyboard interrupt on, set
 * 1 translation on); what is waiting in it is stale. */
void kbd_init(void)
{
	if (!cmdline_has("linux.console=vga"))
		return;
	while (inb(KBD_STATUS) & STATUS_OUTPUT_FULL)
		inb(KBD_DATA);
	active = true;
	input_register(&ring);
}

void kbd_start_thread(void)
{
	if (active)
		driver_start_thread(LTHREAD_KBD, top_half, top_stack, sizeof(top_stack),
				    TOP_HALF_PRIORITY);
}
