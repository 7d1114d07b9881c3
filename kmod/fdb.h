/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_FDB_H
#define _XVS_FDB_H

#include <linux/etherdevice.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/workqueue.h>

struct xvs_port;
struct netlink_ext_ack;

/* Defaults of a new switch. */
#define XVS_FDB_AGEING_DEFAULT		300	/* seconds */
#define XVS_FDB_LEARN_LIMIT_DEFAULT	8192

/**
 * struct xvs_fdb_key - what an FDB entry is looked up by
 * @mac: the MAC address
 * @vlan: the VLAN id (0 until VLANs exist)
 */
struct xvs_fdb_key {
	u8 mac[ETH_ALEN];
	u16 vlan;
};

/**
 * struct xvs_fdb_entry - where a MAC address lives
 * @node: entry in &xvs_fdb.table
 * @key: MAC and VLAN
 * @port: the port frames for @key go to; read locklessly (READ_ONCE), moved
 *	by learning, never a port that is not connected when learned
 * @updated: jiffies when a frame from @key was last seen
 * @is_static: added by hand: never ages, never moves
 * @rcu: frees the entry after a grace period
 */
struct xvs_fdb_entry {
	struct rhash_head node;
	struct xvs_fdb_key key;
	struct xvs_port *port;
	unsigned long updated;
	bool is_static;
	struct rcu_head rcu;
};

/**
 * struct xvs_fdb - a switch's forwarding database
 * @table: entries by &struct xvs_fdb_key; RCU readers, lockless inserts
 * @learned: number of learned (not static) entries
 * @limit: most learned entries, 0 = no limit
 * @ageing: jiffies a learned entry lives without traffic, 0 = forever
 * @lock: serialises removals and static entries (process context; after
 *	RTNL in the lock order); learning inserts without it
 * @gc_work: ages entries out
 */
struct xvs_fdb {
	struct rhashtable table;
	struct mutex lock;	/* removals and static entries */
	atomic_t learned;
	u32 limit;
	unsigned long ageing;
	struct delayed_work gc_work;
};

int xvs_fdb_init(struct xvs_fdb *fdb);
void xvs_fdb_destroy(struct xvs_fdb *fdb);
struct xvs_fdb_entry *xvs_fdb_lookup(struct xvs_fdb *fdb, const u8 *mac,
				     u16 vlan);
int xvs_fdb_learn(struct xvs_fdb *fdb, const u8 *mac, u16 vlan,
		  struct xvs_port *port);
int xvs_fdb_add_static(struct xvs_fdb *fdb, const u8 *mac, u16 vlan,
		       struct xvs_port *port, struct netlink_ext_ack *extack);
int xvs_fdb_del(struct xvs_fdb *fdb, const u8 *mac, u16 vlan,
		struct netlink_ext_ack *extack);
unsigned int xvs_fdb_flush(struct xvs_fdb *fdb, const struct xvs_port *port,
			   bool with_static);
unsigned int xvs_fdb_age(struct xvs_fdb *fdb, unsigned long now);
void xvs_fdb_set_ageing(struct xvs_fdb *fdb, u32 seconds);
u32 xvs_fdb_ageing_seconds(const struct xvs_fdb *fdb);

/**
 * xvs_fdb_for_each() - call @fn for every entry, under RCU
 * @fdb: the FDB
 * @skip: entries to pass over first (a dump's position)
 * @fn: returns non-zero to stop
 * @arg: passed to @fn
 *
 * Return: the number of entries passed, @skip included, before @fn said
 * stop (or all of them).
 */
long xvs_fdb_for_each(struct xvs_fdb *fdb, long skip,
		      int (*fn)(struct xvs_fdb_entry *e, void *arg), void *arg);

#endif /* _XVS_FDB_H */
