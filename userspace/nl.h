/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nl.h - talking to the xvs generic netlink family.
 */
#ifndef XVSCTL_NL_H
#define XVSCTL_NL_H

#include <stdbool.h>
#include <stdint.h>

#include <netlink/genl/genl.h>

#include <linux/xvs.h>

#include "output.h"

struct xnl {
	struct nl_sock *sk;
	int family;
};

/* Prints one object of a reply; tb is indexed by enum xvs_attr. */
typedef void (*xnl_print_fn)(struct out *o, struct nlattr **tb);

/*
 * Open a socket (extended ACKs on) and resolve the xvs family. On failure
 * prints why (the module not loaded, ...) and returns EXIT_RUNTIME. In a
 * dry run, does neither and returns EXIT_OK.
 */
int xnl_open(struct xnl *n);
void xnl_close(struct xnl *n);
/* Close the sockets of a command that exited with them open (serve.c). */
void xnl_close_leftovers(void);

/* A request: flags is NLM_F_ACK (a do) or NLM_F_DUMP (a dump). */
struct nl_msg *xnl_msg(struct xnl *n, uint8_t cmd, int flags);
void xnl_put_str(struct nl_msg *msg, int attr, const char *s);
void xnl_put_u32(struct nl_msg *msg, int attr, uint32_t v);
void xnl_put_u16(struct nl_msg *msg, int attr, uint16_t v);
void xnl_put_u8(struct nl_msg *msg, int attr, uint8_t v);
void xnl_put_u64(struct nl_msg *msg, int attr, uint64_t v);
void xnl_put_flag(struct nl_msg *msg, int attr);
void xnl_put_mac(struct nl_msg *msg, int attr, const uint8_t mac[6]);
void xnl_put_bin(struct nl_msg *msg, int attr, const void *data, size_t len);
/* A nest (NLA_F_NESTED set); xnl_nest_end() closes it. */
struct nlattr *xnl_nest_start(struct nl_msg *msg, int attr);
void xnl_nest_end(struct nl_msg *msg, struct nlattr *nest);

/*
 * Send a change request, wait for its ACK. With -j, print the object the
 * kernel replies with (if any) with print. On error, prints
 * "xvsctl: WHAT: <extack message> (<strerror>)". Frees msg. Returns an
 * exit code.
 */
int xnl_change(struct xnl *n, struct nl_msg *msg, const char *what,
	       xnl_print_fn print);

/*
 * Send a get or dump request and print every object of the reply (a JSON
 * array with -j). A dump interrupted by a concurrent change
 * (NLM_F_DUMP_INTR) is run again; nothing is printed until a consistent
 * listing is complete. Frees msg. Returns an exit code.
 */
int xnl_show(struct xnl *n, struct nl_msg *msg, const char *what,
	     xnl_print_fn print);

/*
 * Send a get or dump request and hand every object of the reply to each()
 * instead of printing it. A dump interrupted by a concurrent change is run
 * again, after each(arg, NULL) says to forget what was handed so far. With
 * kerr NULL, an error of the kernel is reported like xnl_show() does; else
 * it is stored in *kerr (a positive errno, 0 for none) unreported. In a dry
 * run, prints the request and hands nothing. Frees msg. Returns an exit
 * code.
 */
typedef void (*xnl_each_fn)(void *arg, struct nlattr **tb);
int xnl_collect(struct xnl *n, struct nl_msg *msg, const char *what,
		xnl_each_fn each, void *arg, int *kerr);

/*
 * A do request whose reply has repeated attributes: each_msg() gets every
 * reply message whole. Reports an error of the kernel like xnl_change().
 * In a dry run, prints the request. Frees msg. Returns an exit code.
 */
typedef void (*xnl_each_msg_fn)(void *arg, struct nlmsghdr *nlh);
int xnl_request(struct xnl *n, struct nl_msg *msg, const char *what,
		xnl_each_msg_fn each_msg, void *arg);
/* xnl_msg() with room for size bytes of attributes. */
struct nl_msg *xnl_msg_size(struct xnl *n, uint8_t cmd, int flags,
			    size_t size);
/* Socket buffers for large requests and replies (NIC save, restore). */
void xnl_big_buffers(struct xnl *n, int bytes);

/* Attribute values, checked: absent or malformed is NULL / false. */
const char *xnl_str(const struct nlattr *a);
bool xnl_u32(const struct nlattr *a, uint32_t *v);
bool xnl_u16(const struct nlattr *a, uint16_t *v);
bool xnl_u64(const struct nlattr *a, uint64_t *v);
/* A 6-byte MAC address attribute. */
bool xnl_mac(const struct nlattr *a, uint8_t mac[6]);

/*
 * XVSCTL_DRY_RUN set (to anything but ""): xnl_open() opens no socket, and
 * xnl_change()/xnl_show() print the request they would send, one line
 * "COMMAND [dump] ATTR=VALUE ...", instead of sending it, and return 0.
 * For the argument checks (make check), which run without the module.
 */
bool xnl_dry_run(void);

/* Print the "not loaded" message for a genl_ctrl_resolve*() error. */
void xnl_report_resolve_error(int err);

#endif /* XVSCTL_NL_H */
