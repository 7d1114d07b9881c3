// SPDX-License-Identifier: GPL-2.0
/*
 * args.c - command line words: keyword matching (unique prefixes), value
 * checks (numbers, names and their lengths, MAC addresses), the options of
 * show commands, and usage errors (exit 2).
 */
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "xvsctl.h"

void usage_error(usage_fn usage, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("xvsctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (usage)
		usage(stderr);
	else
		fputs("Try 'xvsctl --help'.\n", stderr);
	xvsctl_exit(EXIT_USAGE);
}

int match_word(const char *arg, const struct word *words)
{
	size_t len = strlen(arg);
	int found = WORD_UNKNOWN;

	if (!len)
		return WORD_UNKNOWN;
	for (const struct word *w = words; w->name; w++) {
		if (!strcmp(arg, w->name))
			return w->id;
		if (!strncmp(arg, w->name, len)) {
			if (found != WORD_UNKNOWN && found != w->id)
				found = WORD_AMBIGUOUS;
			else if (found == WORD_UNKNOWN)
				found = w->id;
		}
	}
	return found;
}

int match_command(const char *arg, const struct word *cmds, usage_fn usage,
		  const char *object)
{
	int id = match_word(arg, cmds);

	if (id == WORD_AMBIGUOUS)
		usage_error(usage, "ambiguous %s command \"%s\"", object, arg);
	if (id == WORD_UNKNOWN)
		usage_error(usage, "unknown %s command \"%s\"", object, arg);
	return id;
}

bool is_help(const char *arg)
{
	return !strcmp(arg, "help") || !strcmp(arg, "-h") ||
	       !strcmp(arg, "--help");
}

bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

bool args_more(const struct args *a)
{
	return a->i < a->argc;
}

const char *args_next(struct args *a, const char *what)
{
	if (!args_more(a))
		usage_error(a->usage, "missing %s", what);
	return a->argv[a->i++];
}

const char *args_value(struct args *a, const char *kw, bool *seen)
{
	if (seen) {
		if (*seen)
			usage_error(a->usage, "\"%s\" given twice", kw);
		*seen = true;
	}
	if (!args_more(a))
		usage_error(a->usage, "\"%s\" needs a value", kw);
	return a->argv[a->i++];
}

void args_end(const struct args *a)
{
	if (args_more(a))
		usage_error(a->usage, "unexpected argument \"%s\"", a->argv[a->i]);
}

void args_show_options(struct args *a)
{
	while (args_more(a) && a->argv[a->i][0] == '-') {
		const char *o = a->argv[a->i++];

		if (!strcmp(o, "--"))
			return;
		if (!strcmp(o, "-s") || !strcmp(o, "--stats"))
			opts.stats = true;
		else
			usage_error(a->usage, "unknown option \"%s\"", o);
	}
}

uint32_t check_u32(usage_fn usage, const char *what, const char *s,
		   uint32_t min, uint32_t max)
{
	unsigned long long v;
	char *end;

	if (!all_digits(s))
		usage_error(usage, "%s \"%s\" is not a number", what, s);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < min || v > max)
		usage_error(usage, "%s %s is out of range (%u..%u)", what, s,
			    min, max);
	return (uint32_t)v;
}

void check_ifname(usage_fn usage, const char *what, const char *s)
{
	size_t len = strlen(s);

	if (!len)
		usage_error(usage, "%s must not be empty", what);
	if (len >= IFNAMSIZ)
		usage_error(usage, "%s \"%s\" is too long (at most %d bytes)",
			    what, s, IFNAMSIZ - 1);
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		usage_error(usage, "%s \"%s\" is not a valid device name", what, s);
	for (; *s; s++)
		if (*s == '/' || *s == ':' || isspace((unsigned char)*s))
			usage_error(usage,
				    "%s must not contain '/', ':' or white space",
				    what);
}

void check_len(usage_fn usage, const char *what, const char *s, size_t max,
	       bool may_be_empty)
{
	size_t len = strlen(s);

	if (!len && !may_be_empty)
		usage_error(usage, "%s must not be empty", what);
	if (len > max)
		usage_error(usage, "%s is too long (%zu bytes, at most %zu)",
			    what, len, max);
}

void check_mac(usage_fn usage, const char *what, const char *s,
	       uint8_t mac[6])
{
	const char *p = s;
	char sep = 0;

	for (int i = 0; i < 6; i++) {
		unsigned int v = 0;
		int digits = 0;

		if (i) {
			if (!sep && (*p == ':' || *p == '-'))
				sep = *p;
			if (!sep || *p != sep)
				goto bad;
			p++;
		}
		for (; isxdigit((unsigned char)*p) && digits < 3; p++, digits++)
			v = v * 16 + (unsigned int)(isdigit((unsigned char)*p) ?
				*p - '0' : tolower((unsigned char)*p) - 'a' + 10);
		if (digits < 1 || digits > 2)
			goto bad;
		mac[i] = (uint8_t)v;
	}
	if (*p)
		goto bad;
	return;
bad:
	usage_error(usage,
		    "%s \"%s\" is not valid (expected six hex bytes separated by ':', like 52:54:00:12:34:56)",
		    what, s);
}
