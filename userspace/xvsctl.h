/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xvsctl.h - what every part of xvsctl shares: version, exit codes, global
 * options.
 */
#ifndef XVSCTL_H
#define XVSCTL_H

#include <stdbool.h>

#define XVSCTL_VERSION "0.1.0"

/* Exit codes (documented in xvsctl(8) and --help). */
#define EXIT_OK		0	/* success */
#define EXIT_RUNTIME	1	/* the kernel refused, or a runtime error */
#define EXIT_USAGE	2	/* bad arguments */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct opts {
	bool json;	/* -j: JSON output */
	bool pretty;	/* -p: indented JSON */
	bool stats;	/* -s: traffic counters in show */
	const char *netns;	/* -n: the network namespace it went into */
};

extern struct opts opts;

/* What the program does with its arguments (main.c); its exit code. */
int xvsctl_main(int argc, char **argv);
/* Whether the command of argv runs until killed (monitor): main.c. */
bool xvsctl_runs_forever(int argc, char **argv);
/* xvsctl --serve REQ REP (serve.c). */
int serve(const char *req, const char *rep);
/*
 * End the command with exit code code: the program exits; a command the
 * server runs in its own process returns to the server (serve.c).
 */
void xvsctl_exit(int code) __attribute__((noreturn));
/* Whether the server runs a command in its own process now (serve.c). */
bool serve_in_command(void);

#endif /* XVSCTL_H */
