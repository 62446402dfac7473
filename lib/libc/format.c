/* printf-style formatting over a per-character callback. */
#include <libc/div64.h>
#include <libc/format.h>
#include <libc/string.h>
#include <stdint.h>

struct spec {
	int left;	/* '-': pad on the right */
	int zero;	/* '0': pad with zeros */
	int plus;	/* '+': sign always */
	int space;	/* ' ': blank for positive */
	int alt;	/* '#': 0x prefix */
	int width;
	int precision;	/* -1 when absent */
};

struct sink {
	format_emit_fn emit;
	void *arg;
	int count;
};

static void put(struct sink *out, char c)
{
	out->emit(c, out->arg);
	out->count++;
}

static void pad(struct sink *out, char c, int n)
{
	while (n-- > 0)
		put(out, c);
}

static void put_number(struct sink *out, uint64_t value, unsigned base, int upper,
		       char sign, const struct spec *s)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char buf[24];
	int len = 0, prefix_len, zeros, fill;
	const char *prefix = "";

	do
		buf[len++] = digits[div64_32(&value, base)];
	while (value);
	if (s->precision == 0 && len == 1 && buf[0] == '0')
		len = 0;
	if (s->alt && base == 16)
		prefix = upper ? "0X" : "0x";
	else if (s->alt && base == 8 && !(len && buf[len - 1] == '0'))
		prefix = "0";
	prefix_len = (int)strlen(prefix) + (sign != 0);

	zeros = s->precision > len ? s->precision - len : 0;
	fill = s->width - prefix_len - zeros - len;
	if (s->zero && !s->left && s->precision < 0) {
		zeros += fill > 0 ? fill : 0;
		fill = 0;
	}
	if (!s->left)
		pad(out, ' ', fill);
	if (sign)
		put(out, sign);
	while (*prefix)
		put(out, *prefix++);
	pad(out, '0', zeros);
	while (len)
		put(out, buf[--len]);
	if (s->left)
		pad(out, ' ', fill);
}

static void put_string(struct sink *out, const char *str, const struct spec *s)
{
	int len;

	if (!str)
		str = "(null)";
	len = (int)strnlen(str, s->precision < 0 ? (size_t)-1 : (size_t)s->precision);
	if (!s->left)
		pad(out, ' ', s->width - len);
	for (int i = 0; i < len; i++)
		put(out, str[i]);
	if (s->left)
		pad(out, ' ', s->width - len);
}

static const char *parse_int(const char *p, int *value, va_list *ap)
{
	if (*p == '*') {
		*value = va_arg(*ap, int);
		return p + 1;
	}
	*value = 0;
	while (*p >= '0' && *p <= '9')
		*value = *value * 10 + (*p++ - '0');
	return p;
}

static const char *parse_spec(const char *p, struct spec *s, va_list *ap)
{
	memset(s, 0, sizeof(*s));
	for (;; p++) {
		if (*p == '-')
			s->left = 1;
		else if (*p == '0')
			s->zero = 1;
		else if (*p == '+')
			s->plus = 1;
		else if (*p == ' ')
			s->space = 1;
		else if (*p == '#')
			s->alt = 1;
		else
			break;
	}
	p = parse_int(p, &s->width, ap);
	if (s->width < 0) {
		s->left = 1;
		s->width = -s->width;
	}
	s->precision = -1;
	if (*p == '.')
		p = parse_int(p + 1, &s->precision, ap);
	return p;
}

/* Reads the length modifier; returns the size in bytes of the argument. */
static const char *parse_length(const char *p, int *size)
{
	*size = sizeof(int);
	if (p[0] == 'h')
		return p[1] == 'h' ? p + 2 : p + 1;
	if (p[0] == 'l' && p[1] == 'l')
		return *size = 8, p + 2;
	if (p[0] == 'l' || p[0] == 'z' || p[0] == 't')
		return *size = sizeof(long), p + 1;
	if (p[0] == 'j')
		return *size = 8, p + 1;
	return p;
}

static void put_integer(struct sink *out, char conv, int size, const struct spec *s,
			va_list *ap)
{
	uint64_t value;
	char sign = 0;

	if (conv == 'd' || conv == 'i') {
		int64_t v = size == 8 ? va_arg(*ap, int64_t) : va_arg(*ap, int);
		value = v < 0 ? -(uint64_t)v : (uint64_t)v;
		sign = v < 0 ? '-' : s->plus ? '+' : s->space ? ' ' : 0;
		put_number(out, value, 10, 0, sign, s);
		return;
	}
	value = size == 8 ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned);
	if (conv == 'u')
		put_number(out, value, 10, 0, 0, s);
	else if (conv == 'o')
		put_number(out, value, 8, 0, 0, s);
	else
		put_number(out, value, 16, conv == 'X', 0, s);
}

int vformat(format_emit_fn emit, void *arg, const char *fmt, va_list ap)
{
	struct sink out = { emit, arg, 0 };
	struct spec s;
	va_list args;
	int size;

	va_copy(args, ap);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			put(&out, *p);
			continue;
		}
		p = parse_length(parse_spec(p + 1, &s, &args), &size);
		switch (*p) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
			put_integer(&out, *p, size, &s, &args);
			break;
		case 'p':
			s.alt = 1;
			put_number(&out, (uintptr_t)va_arg(args, void *), 16, 0, 0, &s);
			break;
		case 's':
			put_string(&out, va_arg(args, const char *), &s);
			break;
		case 'c':
			put(&out, (char)va_arg(args, int));
			break;
		case '%':
			put(&out, '%');
			break;
		case '\0':
			p--;
			break;
		default:	/* unknown conversion: show it rather than lose it */
			put(&out, '%');
			put(&out, *p);
		}
	}
	va_end(args);
	return out.count;
}

struct buffer {
	char *buf;
	size_t size;
	size_t len;
};

static void buffer_emit(char c, void *arg)
{
	struct buffer *b = arg;

	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

/* C99 semantics: returns the length the full result would have. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buffer b = { buf, size, 0 };
	int n = vformat(buffer_emit, &b, fmt, ap);

	if (size)
		buf[b.len < size ? b.len : size - 1] = '\0';
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
