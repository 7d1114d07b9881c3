/* SPDX-License-Identifier: GPL-2.0 */
/*
 * output.h - where object printers write: human lines or JSON.
 */
#ifndef XVSCTL_OUTPUT_H
#define XVSCTL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "json.h"

struct out {
	FILE *f;
	bool json;
	bool list;	/* JSON: objects go into one array */
	struct json j;
};

/*
 * Start output to f: with list set, JSON objects go into an array (show);
 * without, each JSON object is written on its own (add/set replies, monitor).
 * pretty: indent JSON.
 */
void out_begin(struct out *o, FILE *f, bool json, bool pretty, bool list);
void out_end(struct out *o);

/* A JSON object for one listed item; out_obj_end ends the line if alone. */
void out_obj_begin(struct out *o);
void out_obj_end(struct out *o);

/*
 * A word for human output: as is when it is plain printable text, quoted
 * with C-style escapes otherwise (empty, spaces, quotes, control bytes,
 * invalid UTF-8).
 */
void out_word(FILE *f, const char *s);

#endif /* XVSCTL_OUTPUT_H */
