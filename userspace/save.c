// SPDX-License-Identifier: GPL-2.0
/*
 * save.c - xvsctl nic save|restore|inspect: the state extensions keep for
 * a NIC, saved to a file and restored on another port, switch or host.
 *
 * The file (all integers big-endian):
 *
 *   0   magic "XVSSAVE\0" (8 bytes)
 *   8   u32 format version (1)
 *   12  u32 length of the whole file, checksum included
 *   16  u32 number of blobs
 *   20  u32 id of the port saved (for information)
 *   24  switch name, 16 bytes, NUL-padded (for information)
 *   40  port name, 64 bytes, NUL-padded (for information)
 *   104 the blobs, each: owner (extension name) 32 bytes NUL-padded,
 *       u32 length, then that many bytes of data
 *   end u32 CRC-32 (IEEE 802.3, as zlib's crc32()) of every byte before it
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netlink/attr.h>

#include "cmds.h"
#include "xvsctl.h"

#define SAVE_MAGIC		"XVSSAVE"	/* and its NUL: 8 bytes */
#define SAVE_VERSION		1
#define SAVE_HDR		104
#define SAVE_SW_LEN		16
#define SAVE_PORT_LEN		XVS_PORT_NAME_LEN
#define SAVE_OWNER_LEN		XVS_EXT_NAME_LEN
#define SAVE_BLOB_HDR		(SAVE_OWNER_LEN + 4)
#define SAVE_MAX_BLOBS		(XVS_EXT_MAX_ENABLED * 16)
#define SAVE_FILE_MAX		(SAVE_HDR + SAVE_MAX_BLOBS * \
				 (SAVE_BLOB_HDR + XVS_BLOB_DATA_MAX) + 4)
/* Socket buffers big enough for the largest save. */
#define SAVE_SOCK_BUF		(4 << 20)

/* Exit code of a restore that left blobs unclaimed (see xvsctl.8). */
#define EXIT_UNCLAIMED		3

struct blob {
	char owner[SAVE_OWNER_LEN];
	uint32_t len;
	const unsigned char *data;
};

/* A save file read (or a save reply), checked. */
struct save_file {
	char sw[SAVE_SW_LEN + 1];
	char port[SAVE_PORT_LEN + 1];
	uint32_t port_id;
	uint32_t n;
	struct blob blobs[SAVE_MAX_BLOBS];
	unsigned char *buf;	/* what the blobs point into */
};

static uint32_t crc32_ieee(const unsigned char *p, size_t len)
{
	uint32_t crc = 0xffffffff;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc;
}

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void oom(void)
{
	fprintf(stderr, "xvsctl: out of memory\n");
	xvsctl_exit(EXIT_RUNTIME);
}

/* The NIC_SAVE reply into a save_file (data copied). */
static void save_reply(void *arg, struct nlmsghdr *nlh)
{
	struct save_file *f = arg;
	struct nlattr *tb[XVS_BLOB_A_MAX + 1];
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nlattr *a;
	const char *s;
	int rem;

	nla_for_each_attr(a, genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0), rem) {
		switch (nla_type(a)) {
		case XVS_A_SWITCH_NAME:
			s = xnl_str(a);
			snprintf(f->sw, sizeof(f->sw), "%s", s ? s : "");
			break;
		case XVS_A_PORT_NAME:
			s = xnl_str(a);
			snprintf(f->port, sizeof(f->port), "%s", s ? s : "");
			break;
		case XVS_A_PORT_ID:
			xnl_u32(a, &f->port_id);
			break;
		case XVS_A_BLOB: {
			struct blob *b;
			unsigned char *copy;

			if (f->n == SAVE_MAX_BLOBS ||
			    nla_parse_nested(tb, XVS_BLOB_A_MAX, a, NULL) < 0 ||
			    !xnl_str(tb[XVS_BLOB_A_OWNER]) ||
			    strlen(xnl_str(tb[XVS_BLOB_A_OWNER])) >= SAVE_OWNER_LEN ||
			    !tb[XVS_BLOB_A_DATA]) {
				fprintf(stderr, "xvsctl: nic save: ignoring a malformed blob\n");
				break;
			}
			b = &f->blobs[f->n++];
			snprintf(b->owner, sizeof(b->owner), "%s",
				 xnl_str(tb[XVS_BLOB_A_OWNER]));
			b->len = nla_len(tb[XVS_BLOB_A_DATA]);
			copy = malloc(b->len ? b->len : 1);
			if (!copy)
				oom();
			memcpy(copy, nla_data(tb[XVS_BLOB_A_DATA]), b->len);
			b->data = copy;
			break;
		}
		}
	}
}

/* Serialize @f: a malloc'ed buffer, its length in *len. */
static unsigned char *save_serialize(const struct save_file *f, size_t *len)
{
	size_t total = SAVE_HDR + 4, off;
	unsigned char *p;

	for (uint32_t i = 0; i < f->n; i++)
		total += SAVE_BLOB_HDR + f->blobs[i].len;
	p = calloc(1, total);
	if (!p)
		oom();
	memcpy(p, SAVE_MAGIC, 8);
	put_be32(p + 8, SAVE_VERSION);
	put_be32(p + 12, total);
	put_be32(p + 16, f->n);
	put_be32(p + 20, f->port_id);
	memcpy(p + 24, f->sw, strnlen(f->sw, SAVE_SW_LEN));
	memcpy(p + 40, f->port, strnlen(f->port, SAVE_PORT_LEN));
	off = SAVE_HDR;
	for (uint32_t i = 0; i < f->n; i++) {
		memcpy(p + off, f->blobs[i].owner, SAVE_OWNER_LEN);
		put_be32(p + off + SAVE_OWNER_LEN, f->blobs[i].len);
		memcpy(p + off + SAVE_BLOB_HDR, f->blobs[i].data,
		       f->blobs[i].len);
		off += SAVE_BLOB_HDR + f->blobs[i].len;
	}
	put_be32(p + off, crc32_ieee(p, off));
	*len = total;
	return p;
}

/* Read stdin whole; exits on error. */
static unsigned char *read_stdin(size_t *len)
{
	size_t cap = 65536, n = 0;
	unsigned char *p = malloc(cap);
	ssize_t r;

	if (!p)
		oom();
	for (;;) {
		if (n == cap) {
			if (cap > SAVE_FILE_MAX) {
				fprintf(stderr, "xvsctl: corrupted: more than %d bytes, larger than any save\n",
					SAVE_FILE_MAX);
				xvsctl_exit(EXIT_RUNTIME);
			}
			cap *= 2;
			p = realloc(p, cap);
			if (!p)
				oom();
		}
		r = read(0, p + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "xvsctl: reading the save file: %s\n",
				strerror(errno));
			xvsctl_exit(EXIT_RUNTIME);
		}
		if (!r)
			break;
		n += r;
	}
	*len = n;
	return p;
}

/* Check a save file and index it; prints why and returns false if bad. */
static bool save_parse(const char *what, unsigned char *p, size_t len,
		       struct save_file *f)
{
	uint32_t version, total, crc;
	size_t off;

	memset(f, 0, sizeof(*f));
	f->buf = p;
	if (len < 8 || memcmp(p, SAVE_MAGIC, 8)) {
		if (len < 8 && !memcmp(p, SAVE_MAGIC, len))
			fprintf(stderr, "xvsctl: %s: truncated: %zu bytes, shorter than the header\n",
				what, len);
		else
			fprintf(stderr, "xvsctl: %s: not an xvs save file (bad magic)\n",
				what);
		return false;
	}
	if (len < SAVE_HDR + 4) {
		fprintf(stderr, "xvsctl: %s: truncated: %zu bytes, shorter than the header\n",
			what, len);
		return false;
	}
	version = get_be32(p + 8);
	if (version != SAVE_VERSION) {
		fprintf(stderr, "xvsctl: %s: unsupported format version %u (this xvsctl reads %d)\n",
			what, version, SAVE_VERSION);
		return false;
	}
	total = get_be32(p + 12);
	if (len < total) {
		fprintf(stderr, "xvsctl: %s: truncated: %zu of %u bytes\n",
			what, len, total);
		return false;
	}
	if (len > total || total < SAVE_HDR + 4) {
		fprintf(stderr, "xvsctl: %s: corrupted: length %u does not match the file's %zu bytes\n",
			what, total, len);
		return false;
	}
	crc = get_be32(p + total - 4);
	if (crc != crc32_ieee(p, total - 4)) {
		fprintf(stderr, "xvsctl: %s: corrupted: checksum mismatch\n",
			what);
		return false;
	}
	f->n = get_be32(p + 16);
	f->port_id = get_be32(p + 20);
	memcpy(f->sw, p + 24, SAVE_SW_LEN);
	memcpy(f->port, p + 40, SAVE_PORT_LEN);
	if (f->n > SAVE_MAX_BLOBS) {
		fprintf(stderr, "xvsctl: %s: corrupted: %u blobs, at most %d\n",
			what, f->n, SAVE_MAX_BLOBS);
		return false;
	}
	off = SAVE_HDR;
	for (uint32_t i = 0; i < f->n; i++) {
		struct blob *b = &f->blobs[i];

		if (off + SAVE_BLOB_HDR > total - 4) {
			fprintf(stderr, "xvsctl: %s: corrupted: blob %u of %u past the end\n",
				what, i + 1, f->n);
			return false;
		}
		memcpy(b->owner, p + off, SAVE_OWNER_LEN);
		b->len = get_be32(p + off + SAVE_OWNER_LEN);
		b->data = p + off + SAVE_BLOB_HDR;
		if (!memchr(b->owner, '\0', SAVE_OWNER_LEN) || !b->owner[0] ||
		    !b->len || b->len > XVS_BLOB_DATA_MAX ||
		    b->len > total - 4 - off - SAVE_BLOB_HDR) {
			fprintf(stderr, "xvsctl: %s: corrupted: blob %u of %u is malformed\n",
				what, i + 1, f->n);
			return false;
		}
		off += SAVE_BLOB_HDR + b->len;
	}
	if (off != total - 4) {
		fprintf(stderr, "xvsctl: %s: corrupted: %zu bytes after the last blob\n",
			what, total - 4 - off);
		return false;
	}
	return true;
}

/* nic save SW PORT > FILE */
static int nic_save(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	struct save_file *f;
	struct port_ref port;
	struct nl_msg *msg;
	unsigned char *out;
	size_t len, done;
	struct xnl n;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	parse_port_ref(a->usage, args_next(a, "port"), &port);
	args_end(a);
	if (!xnl_dry_run() && isatty(1))
		usage_error(a->usage, "the save is binary: redirect the output to a file");
	ret = xnl_open(&n);
	if (ret)
		return ret;
	xnl_big_buffers(&n, SAVE_SOCK_BUF);
	f = calloc(1, sizeof(*f));
	if (!f)
		oom();
	msg = xnl_msg(&n, XVS_CMD_NIC_SAVE, NLM_F_ACK);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	put_port_ref(msg, &port);
	ret = xnl_request(&n, msg, "nic save", save_reply, f);
	xnl_close(&n);
	if (ret || xnl_dry_run())
		goto out;
	out = save_serialize(f, &len);
	for (done = 0; done < len;) {
		ssize_t w = write(1, out + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			fprintf(stderr, "xvsctl: nic save: writing the save: %s\n",
				strerror(errno));
			ret = EXIT_RUNTIME;
			break;
		}
		done += w;
	}
	free(out);
out:
	for (uint32_t i = 0; i < f->n; i++)
		free((void *)f->blobs[i].data);
	free(f);
	return ret;
}

struct restore_reply {
	const char *sw;
	unsigned int unclaimed;
};

static void restore_reply(void *arg, struct nlmsghdr *nlh)
{
	struct restore_reply *r = arg;
	struct genlmsghdr *g = nlmsg_data(nlh);
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, genlmsg_attrdata(g, 0), genlmsg_attrlen(g, 0), rem) {
		const char *s = xnl_str(a);

		if (nla_type(a) != XVS_A_BLOB_UNCLAIMED || !s)
			continue;
		fprintf(stderr, "xvsctl: nic restore: warning: blob of %s not claimed by any extension on switch %s\n",
			s, r->sw);
		r->unclaimed++;
	}
}

/* nic restore SW PORT < FILE */
static int nic_restore(struct args *a)
{
	const char *sw = args_next(a, "switch name");
	struct restore_reply r = { .sw = sw };
	struct save_file *f;
	struct port_ref port;
	struct nl_msg *msg;
	unsigned char *buf;
	struct xnl n;
	size_t len;
	int ret;

	check_ifname(a->usage, "switch name", sw);
	parse_port_ref(a->usage, args_next(a, "port"), &port);
	args_end(a);
	f = calloc(1, sizeof(*f));
	if (!f)
		oom();
	buf = read_stdin(&len);
	if (!save_parse("nic restore", buf, len, f)) {
		ret = EXIT_RUNTIME;
		goto out;
	}
	ret = xnl_open(&n);
	if (ret)
		goto out;
	xnl_big_buffers(&n, SAVE_SOCK_BUF);
	msg = xnl_msg_size(&n, XVS_CMD_NIC_RESTORE, NLM_F_ACK, len * 2);
	xnl_put_str(msg, XVS_A_SWITCH_NAME, sw);
	put_port_ref(msg, &port);
	for (uint32_t i = 0; i < f->n; i++) {
		struct nlattr *nest = xnl_nest_start(msg, XVS_A_BLOB);

		xnl_put_str(msg, XVS_BLOB_A_OWNER, f->blobs[i].owner);
		xnl_put_bin(msg, XVS_BLOB_A_DATA, f->blobs[i].data,
			    f->blobs[i].len);
		xnl_nest_end(msg, nest);
	}
	ret = xnl_request(&n, msg, "nic restore", restore_reply, &r);
	xnl_close(&n);
	if (!ret && r.unclaimed)
		ret = EXIT_UNCLAIMED;
out:
	free(buf);
	free(f);
	return ret;
}

/* nic inspect < FILE: check a save file and say what is in it. */
static int nic_inspect(struct args *a)
{
	struct save_file *f;
	unsigned char *buf;
	size_t len;
	int ret = EXIT_OK;

	args_end(a);
	f = calloc(1, sizeof(*f));
	if (!f)
		oom();
	buf = read_stdin(&len);
	if (!save_parse("nic inspect", buf, len, f)) {
		ret = EXIT_RUNTIME;
		goto out;
	}
	printf("switch ");
	out_word(stdout, f->sw);
	printf(" port %u (", f->port_id);
	out_word(stdout, f->port);
	printf(") blobs %u bytes %zu\n", f->n, len);
	for (uint32_t i = 0; i < f->n; i++) {
		printf("blob %u owner ", i);
		out_word(stdout, f->blobs[i].owner);
		printf(" bytes %u\n", f->blobs[i].len);
	}
out:
	free(buf);
	free(f);
	return ret;
}

int nic_save_cmd(struct args *a, int cmd)
{
	switch (cmd) {
	case CMD_SAVE:
		return nic_save(a);
	case CMD_RESTORE:
		return nic_restore(a);
	default:
		return nic_inspect(a);
	}
}
