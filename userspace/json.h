/* SPDX-License-Identifier: GPL-2.0 */
/*
 * json.h - a tiny streaming JSON writer.
 */
#ifndef XVSCTL_JSON_H
#define XVSCTL_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *f;
	bool pretty;
	int depth;
	bool after_key;
	/* has_items[d]: the container open at depth d has an element. */
	bool has_items[JSON_MAX_DEPTH + 1];
};

void json_init(struct json *j, FILE *f, bool pretty);
void json_obj_open(struct json *j);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j);
void json_arr_close(struct json *j);
void json_key(struct json *j, const char *key);
/* A JSON string; NULL writes null. Invalid UTF-8 becomes U+FFFD. */
void json_string(struct json *j, const char *s);
void json_u64(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);

static inline void json_kv_string(struct json *j, const char *k, const char *v)
{
	json_key(j, k);
	json_string(j, v);
}

static inline void json_kv_u64(struct json *j, const char *k, uint64_t v)
{
	json_key(j, k);
	json_u64(j, v);
}

static inline void json_kv_bool(struct json *j, const char *k, bool v)
{
	json_key(j, k);
	json_bool(j, v);
}

static inline void json_kv_null(struct json *j, const char *k)
{
	json_key(j, k);
	json_null(j);
}

/*
 * Length of the valid UTF-8 sequence at s (1..4), or 0 when the bytes at s
 * are not valid UTF-8 (bad lead byte, bad or missing continuation, overlong
 * form, surrogate, beyond U+10FFFF). s[0] must be >= 0x80.
 */
size_t utf8_seq_len(const unsigned char *s);

#endif /* XVSCTL_JSON_H */
