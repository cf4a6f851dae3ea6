// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsnprintf and friends: the C99 conversions the kernel uses.
 *
 * Supported: flags "-0+ #", width and precision (numbers or '*'), length
 * modifiers hh h l ll z t j, conversions d i u o x X c s p %.  %p prints
 * the raw pointer as 0x followed by 16 hex digits (Arbor does not hash
 * pointers: it is a teaching kernel).  Unknown conversions are copied out
 * verbatim so a bad format is visible rather than fatal.
 *
 * The host harness builds this file under the names arbor_vsnprintf and
 * arbor_snprintf so the same formatter runs in every test.
 */
#include <kernel/printk.h>
#include <kernel/string.h>

struct out {
	char *buf;
	size_t size;	/* capacity of buf, including the NUL */
	size_t len;	/* characters produced so far (may exceed size) */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

#define F_LEFT	0x01
#define F_ZERO	0x02
#define F_PLUS	0x04
#define F_SPACE	0x08
#define F_ALT	0x10

static void put_number(struct out *o, unsigned long long v, bool negative,
		       unsigned int base, bool upper, int flags, int width,
		       int precision)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, sign = 0, prefix_len = 0, zeros, pad;
	const char *prefix = "";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (precision == 0 && n == 1 && tmp[0] == '0')
		n = 0;		/* "%.0d" of 0 prints nothing */

	if (negative)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	if ((flags & F_ALT) && base == 16) {
		prefix = upper ? "0X" : "0x";
		prefix_len = 2;
	} else if ((flags & F_ALT) && base == 8 && (n == 0 || tmp[n - 1] != '0')) {
		prefix = "0";
		prefix_len = 1;
	}

	zeros = precision > n ? precision - n : 0;
	pad = width - (n + zeros + prefix_len + (sign ? 1 : 0));
	if (precision < 0 && (flags & F_ZERO) && !(flags & F_LEFT) && pad > 0) {
		zeros += pad;
		pad = 0;
	}
	if (!(flags & F_LEFT))
		put_repeat(o, ' ', pad);
	if (sign)
		put(o, (char)sign);
	for (int i = 0; i < prefix_len; i++)
		put(o, prefix[i]);
	put_repeat(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (flags & F_LEFT)
		put_repeat(o, ' ', pad);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };

	for (const char *p = fmt; *p; p++) {
		int flags = 0, width = -1, precision = -1, lng = 0;
		const char *start = p;
		unsigned long long uv;
		long long sv;

		if (*p != '%') {
			put(&o, *p);
			continue;
		}
		for (;;) {
			p++;
			if (*p == '-')
				flags |= F_LEFT;
			else if (*p == '0')
				flags |= F_ZERO;
			else if (*p == '+')
				flags |= F_PLUS;
			else if (*p == ' ')
				flags |= F_SPACE;
			else if (*p == '#')
				flags |= F_ALT;
			else
				break;
		}
		if (*p == '*') {
			width = va_arg(args, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			p++;
		} else {
			for (width = 0; *p >= '0' && *p <= '9'; p++)
				width = width * 10 + (*p - '0');
		}
		if (*p == '.') {
			p++;
			if (*p == '*') {
				precision = va_arg(args, int);
				p++;
			} else {
				for (precision = 0; *p >= '0' && *p <= '9'; p++)
					precision = precision * 10 + (*p - '0');
			}
		}
		/* lng: -2 hh, -1 h, 0 int, 1 long, 2 long long / size_t / ... */
		for (;; p++) {
			if (*p == 'h')
				lng--;
			else if (*p == 'l')
				lng++;
			else if (*p == 'z' || *p == 't' || *p == 'j')
				lng = 2;
			else
				break;
		}

		switch (*p) {
		case 'd':
		case 'i':
			if (lng >= 2)
				sv = va_arg(args, long long);
			else if (lng == 1)
				sv = va_arg(args, long);
			else
				sv = va_arg(args, int);
			if (lng == -1)
				sv = (short)sv;
			else if (lng <= -2)
				sv = (signed char)sv;
			put_number(&o, sv < 0 ? 0ULL - (unsigned long long)sv : (unsigned long long)sv,
				   sv < 0, 10, false, flags, width, precision);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (lng >= 2)
				uv = va_arg(args, unsigned long long);
			else if (lng == 1)
				uv = va_arg(args, unsigned long);
			else
				uv = va_arg(args, unsigned int);
			if (lng == -1)
				uv = (unsigned short)uv;
			else if (lng <= -2)
				uv = (unsigned char)uv;
			put_number(&o, uv, false,
				   *p == 'u' ? 10 : *p == 'o' ? 8 : 16,
				   *p == 'X', flags & ~(F_PLUS | F_SPACE),
				   width, precision);
			break;
		case 'p':
			uv = (unsigned long)va_arg(args, void *);
			put_number(&o, uv, false, 16, false, F_ALT | F_ZERO,
				   18, -1);
			break;
		case 'c': {
			char c = (char)va_arg(args, int);

			if (!(flags & F_LEFT))
				put_repeat(&o, ' ', width - 1);
			put(&o, c);
			if (flags & F_LEFT)
				put_repeat(&o, ' ', width - 1);
			break;
		}
		case 's': {
			const char *s = va_arg(args, const char *);
			int n;

			if (!s)
				s = "(null)";
			n = (int)strnlen(s, precision < 0 ? (size_t)-1 : (size_t)precision);
			if (!(flags & F_LEFT))
				put_repeat(&o, ' ', width - n);
			for (int i = 0; i < n; i++)
				put(&o, s[i]);
			if (flags & F_LEFT)
				put_repeat(&o, ' ', width - n);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:	/* unknown: copy the conversion out as written */
			for (const char *q = start; q <= p && *q; q++)
				put(&o, *q);
			if (!*p)
				p--;
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
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

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (size == 0)
		return 0;
	return (size_t)n >= size ? (int)size - 1 : n;
}
