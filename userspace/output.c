// SPDX-License-Identifier: GPL-2.0
/*
 * output.c - the frame around printed objects: a JSON array or one object
 * per line, and quoting of words in human output.
 */
#include "output.h"

void out_begin(struct out *o, FILE *f, bool json, bool pretty, bool list)
{
	o->f = f;
	o->json = json;
	o->list = list;
	json_init(&o->j, f, pretty);
	if (json && list)
		json_arr_open(&o->j);
}

void out_end(struct out *o)
{
	if (o->json && o->list) {
		json_arr_close(&o->j);
		fputc('\n', o->f);
	}
}

void out_obj_begin(struct out *o)
{
	json_obj_open(&o->j);
}

void out_obj_end(struct out *o)
{
	json_obj_close(&o->j);
	if (!o->list)
		fputc('\n', o->f);
}

static bool plain(const unsigned char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s <= 0x20 || *s == 0x7f || *s == '"' || *s == '\\' ||
		    *s == '\'')
			return false;
		if (*s >= 0x80) {
			size_t n = utf8_seq_len(s);

			if (!n)
				return false;
			s += n - 1;
		}
	}
	return true;
}

void out_word(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	if (plain(s)) {
		fputs(str, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		size_t n;

		switch (*s) {
		case '"':
			fputs("\\\"", f);
			continue;
		case '\\':
			fputs("\\\\", f);
			continue;
		case '\n':
			fputs("\\n", f);
			continue;
		case '\t':
			fputs("\\t", f);
			continue;
		}
		if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\x%02x", *s);
		} else if (*s < 0x80) {
			fputc(*s, f);
		} else if ((n = utf8_seq_len(s))) {
			fwrite(s, 1, n, f);
			s += n - 1;
		} else {
			fprintf(f, "\\x%02x", *s);
		}
	}
	fputc('"', f);
}
