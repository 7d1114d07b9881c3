/* SPDX-License-Identifier: GPL-2.0 */
/*
 * args.h - command line words: matching keywords, checking values, usage
 * errors.
 */
#ifndef XVSCTL_ARGS_H
#define XVSCTL_ARGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef void (*usage_fn)(FILE *f);

/*
 * Print "xvsctl: <reason>" and the usage to stderr and exit 2. usage may be
 * NULL (the hint to try --help is printed instead).
 */
void __attribute__((noreturn, format(printf, 2, 3)))
usage_error(usage_fn usage, const char *fmt, ...);

struct word {
	const char *name;
	int id;
};

#define WORD_UNKNOWN	-1
#define WORD_AMBIGUOUS	-2

/*
 * Id of the word that arg names, exactly or as an unambiguous prefix;
 * WORD_UNKNOWN or WORD_AMBIGUOUS. words ends with { NULL, 0 }.
 */
int match_word(const char *arg, const struct word *words);

/*
 * The command word of an object: its id, or a usage error naming object
 * ("unknown command" or "ambiguous command").
 */
int match_command(const char *arg, const struct word *cmds, usage_fn usage,
		  const char *object);

bool is_help(const char *arg);
bool all_digits(const char *s);

/* The command line of one command, consumed left to right. */
struct args {
	int argc;
	char **argv;
	int i;
	usage_fn usage;
};

bool args_more(const struct args *a);
/* The next word, or a usage error "missing WHAT". */
const char *args_next(struct args *a, const char *what);
/* The value of keyword kw; usage error if missing or given twice. */
const char *args_value(struct args *a, const char *kw, bool *seen);
/* Usage error if any word is left. */
void args_end(const struct args *a);
/*
 * The options a show command takes after its command word (before its
 * other arguments): -s/--stats sets opts.stats; "--" ends them; any other
 * word starting with '-' is a usage error.
 */
void args_show_options(struct args *a);

/* Checked values: a usage error when bad. */
uint32_t check_u32(usage_fn usage, const char *what, const char *s,
		   uint32_t min, uint32_t max);
/* A netdev name: 1..IFNAMSIZ-1 bytes, no '/', ':' or white space. */
void check_ifname(usage_fn usage, const char *what, const char *s);
/* A string of 1..max bytes (0..max when may_be_empty). */
void check_len(usage_fn usage, const char *what, const char *s, size_t max,
	       bool may_be_empty);
/*
 * A MAC address: six groups of one or two hex digits separated by ':'
 * (or all by '-'), e.g. 52:54:00:12:34:56 or 52-54-00-12-34-56.
 */
void check_mac(usage_fn usage, const char *what, const char *s,
	       uint8_t mac[6]);

#endif /* XVSCTL_ARGS_H */
