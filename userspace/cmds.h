/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmds.h - the objects of the command line and what they share.
 */
#ifndef XVSCTL_CMDS_H
#define XVSCTL_CMDS_H

#include <stdint.h>
#include <stdio.h>

#include "args.h"
#include "nl.h"

/* OBJECT COMMAND [ARGS]: argv[0] is the first word after the object. */
int do_switch(int argc, char **argv);
int do_port(int argc, char **argv);
int do_nic(int argc, char **argv);
int do_fdb(int argc, char **argv);
int do_monitor(int argc, char **argv);
int do_version(int argc, char **argv);
int do_ext(int argc, char **argv);
int do_acl(int argc, char **argv);
/* nic save|restore|inspect: a->i is after COMMAND (save.c). */
int nic_save_cmd(struct args *a, int cmd);
/* OBJECT property COMMAND ...: a->i is at COMMAND; on_port: port, else switch. */
int do_property(struct args *a, bool on_port);
/* OBJECT status SW [PORT] [ext NAME]: a->i is at SW. */
int do_status(struct args *a, bool on_port);

void switch_usage(FILE *f);
void port_usage(FILE *f);
void nic_usage(FILE *f);
void fdb_usage(FILE *f);
void monitor_usage(FILE *f);
void ext_usage(FILE *f);
void acl_usage(FILE *f);
void port_property_usage(FILE *f);
void switch_property_usage(FILE *f);

/* An extension name: 1..XVS_EXT_NAME_LEN-1 bytes of a-z, 0-9, '_', '-'. */
void check_ext_name(usage_fn usage, const char *s);

/* Command ids shared by the objects. */
enum {
	CMD_ADD,
	CMD_SET,
	CMD_DEL,
	CMD_SHOW,
	CMD_CONNECT,
	CMD_DISCONNECT,
	CMD_FLUSH,
	CMD_PROPERTY,
	CMD_VALIDATE,
	CMD_STATUS,
	CMD_SAVE,
	CMD_RESTORE,
	CMD_INSPECT,
	CMD_HELP,
};

/* PORT on the command line: digits only is an id, anything else a name. */
struct port_ref {
	uint32_t id;		/* 0: by name */
	const char *name;
};

void parse_port_ref(usage_fn usage, const char *s, struct port_ref *p);
void put_port_ref(struct nl_msg *msg, const struct port_ref *p);

/* A port as PORT_GET/NIC_GET report it. */
void port_print(struct out *o, struct nlattr **tb);

/* Port policies on the command line (port set, port validate). */
struct policy_req {
	bool any;		/* any policy keyword given */
	bool vlan;
	uint32_t vlan_mode;
	uint16_t vlan_id;
	uint16_t native;
	uint8_t trunk[XVS_VLAN_BITMAP_LEN];
	bool mac;
	uint8_t macv[6];
	int spoof, dhcp, router, isolated, mirror;	/* -1: not given */
	bool rate;
	uint64_t ratev;		/* 0: none */
	uint32_t burst;		/* 0: the default */
	int64_t storm[3];	/* -1: not given */
};

void policy_init(struct policy_req *p);
/* Parse keyword kw (already consumed) and its values; false: not a policy. */
bool policy_keyword(struct args *a, const char *kw, struct policy_req *p);
void policy_put(struct nl_msg *msg, const struct policy_req *p);
/* The policies of a port: a "policy" JSON member, or an indented line. */
void policy_print(struct out *o, struct nlattr **tb);
/* A PORT_VLAN_TRUNK bitmap as "10,20-30". */
void format_vlan_list(const struct nlattr *a, char *buf, size_t len);

/*
 * The XVS_A_STATS nest of a switch or a port, when -s was given: a "stats"
 * member of the JSON object being printed, or indented lines after the
 * object's line. Nothing when the nest is absent.
 */
void stats_print(struct out *o, const struct nlattr *nest);

/*
 * Ranges the kernel's policy enforces (uapi/linux/xvs.h does not define
 * them); checked here too, so that a bad value is a usage error.
 */
#define AGEING_MAX	1000000		/* seconds */
#define LEARN_LIMIT_MAX	1048576		/* learned FDB entries */
#define VLAN_MAX	4094

#define XVS_STR_(x)	#x
#define XVS_STR(x)	XVS_STR_(x)

#endif /* XVSCTL_CMDS_H */
