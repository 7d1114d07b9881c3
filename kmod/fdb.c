// SPDX-License-Identifier: GPL-2.0
/*
 * The forwarding database of a switch: MAC address (and VLAN) -> port.
 *
 * The data path looks entries up and learns new ones under RCU without
 * locks: a learned entry is inserted with GFP_ATOMIC and moved to another
 * port by a plain store. Everything that removes entries or makes them
 * static (netlink, ageing, a port going away) runs in process context
 * under @fdb->lock, so an entry is removed and freed exactly once.
 *
 * An entry never points to a freed port: learning only happens for a
 * connected port, and a port's learned entries are flushed once it is
 * disconnected and in-flight frames are done (xvs_port_set_state()); its
 * static entries are flushed when it is deleted.
 */

#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "fdb.h"

static const struct rhashtable_params xvs_fdb_params = {
	.head_offset		= offsetof(struct xvs_fdb_entry, node),
	.key_offset		= offsetof(struct xvs_fdb_entry, key),
	.key_len		= sizeof(struct xvs_fdb_key),
	.automatic_shrinking	= true,
};

static void xvs_fdb_key(struct xvs_fdb_key *key, const u8 *mac, u16 vlan)
{
	ether_addr_copy(key->mac, mac);
	key->vlan = vlan;
}

/**
 * xvs_fdb_lookup() - the entry for a MAC address
 * @fdb: the FDB
 * @mac: the address
 * @vlan: its VLAN
 *
 * Context: RCU read side; the entry lives until rcu_read_unlock().
 * Return: the entry or NULL.
 */
struct xvs_fdb_entry *xvs_fdb_lookup(struct xvs_fdb *fdb, const u8 *mac,
				     u16 vlan)
{
	struct xvs_fdb_key key;

	xvs_fdb_key(&key, mac, vlan);
	return rhashtable_lookup(&fdb->table, &key, xvs_fdb_params);
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_lookup, XVS_INTERNAL);

/**
 * xvs_fdb_learn() - a frame from @mac arrived on @port: remember it
 * @fdb: the FDB
 * @mac: the frame's source address (unicast)
 * @vlan: its VLAN
 * @port: the connected port it came from
 *
 * Refreshes a learned entry, moves it when @mac turned up on another port,
 * or adds one. Static entries are left alone.
 *
 * Context: RCU read side, BH disabled (the data path).
 * Return: 0, -ENOSPC the learning limit is reached (the caller drops the
 * frame), or -ENOMEM (the frame goes on, unlearned).
 */
int xvs_fdb_learn(struct xvs_fdb *fdb, const u8 *mac, u16 vlan,
		  struct xvs_port *port)
{
	struct xvs_fdb_entry *e, *old;
	u32 limit = READ_ONCE(fdb->limit);
	unsigned long now = jiffies;

	e = xvs_fdb_lookup(fdb, mac, vlan);
	if (e) {
		if (READ_ONCE(e->is_static))
			return 0;
		if (READ_ONCE(e->port) != port)
			WRITE_ONCE(e->port, port);
		/* Write the shared line only when the time moved on. */
		if (READ_ONCE(e->updated) != now)
			WRITE_ONCE(e->updated, now);
		return 0;
	}

	if (atomic_inc_return(&fdb->learned) > limit && limit) {
		atomic_dec(&fdb->learned);
		return -ENOSPC;
	}
	e = kmalloc(sizeof(*e), GFP_ATOMIC);
	if (!e) {
		atomic_dec(&fdb->learned);
		return -ENOMEM;
	}
	xvs_fdb_key(&e->key, mac, vlan);
	e->port = port;
	e->updated = now;
	e->is_static = false;
	old = rhashtable_lookup_get_insert_fast(&fdb->table, &e->node,
						xvs_fdb_params);
	if (old) {
		/* Learned meanwhile on another CPU, or the table is full. */
		atomic_dec(&fdb->learned);
		kfree(e);
		return IS_ERR(old) ? PTR_ERR(old) : 0;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_learn, XVS_INTERNAL);

/* Caller holds @fdb->lock. */
static bool xvs_fdb_remove(struct xvs_fdb *fdb, struct xvs_fdb_entry *e)
{
	lockdep_assert_held(&fdb->lock);
	if (rhashtable_remove_fast(&fdb->table, &e->node, xvs_fdb_params))
		return false;
	if (!e->is_static)
		atomic_dec(&fdb->learned);
	kfree_rcu(e, rcu);
	return true;
}

/**
 * xvs_fdb_add_static() - bind @mac to @port for good
 * @fdb: the FDB
 * @mac: a unicast address
 * @vlan: its VLAN
 * @port: the port (not being torn down)
 * @extack: where to say why it failed
 *
 * Replaces a learned or static entry for the same address.
 *
 * Context: process; the caller makes sure @port outlives the entry (the
 * port's static entries are flushed when it is deleted).
 * Return: 0, -EINVAL @mac is not unicast, -ENOMEM, -EBUSY the table
 * kept changing under us.
 */
int xvs_fdb_add_static(struct xvs_fdb *fdb, const u8 *mac, u16 vlan,
		       struct xvs_port *port, struct netlink_ext_ack *extack)
{
	struct xvs_fdb_entry *e, *old;
	int tries, err = -EBUSY;

	if (!is_valid_ether_addr(mac)) {
		NL_SET_ERR_MSG(extack,
			       "An FDB entry needs a unicast, non-zero MAC address");
		return -EINVAL;
	}
	e = kmalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	xvs_fdb_key(&e->key, mac, vlan);
	e->port = port;
	e->updated = jiffies;
	e->is_static = true;

	mutex_lock(&fdb->lock);
	/* Learning may re-add the address between removal and insertion. */
	for (tries = 0; tries < 3; tries++) {
		rcu_read_lock();
		old = xvs_fdb_lookup(fdb, mac, vlan);
		if (old)
			xvs_fdb_remove(fdb, old);
		rcu_read_unlock();
		old = rhashtable_lookup_get_insert_fast(&fdb->table, &e->node,
							xvs_fdb_params);
		if (!old) {
			err = 0;
			break;
		}
		if (IS_ERR(old)) {
			err = PTR_ERR(old);
			break;
		}
	}
	mutex_unlock(&fdb->lock);
	if (err) {
		kfree(e);
		NL_SET_ERR_MSG(extack, "Could not add the FDB entry");
	}
	return err;
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_add_static, XVS_INTERNAL);

/**
 * xvs_fdb_del() - forget a MAC address
 * @fdb: the FDB
 * @mac: the address
 * @vlan: its VLAN
 * @extack: where to say why it failed
 *
 * Context: process.
 * Return: 0 or -ENOENT.
 */
int xvs_fdb_del(struct xvs_fdb *fdb, const u8 *mac, u16 vlan,
		struct netlink_ext_ack *extack)
{
	struct xvs_fdb_entry *e;
	bool removed = false;

	mutex_lock(&fdb->lock);
	rcu_read_lock();
	e = xvs_fdb_lookup(fdb, mac, vlan);
	if (e)
		removed = xvs_fdb_remove(fdb, e);
	rcu_read_unlock();
	mutex_unlock(&fdb->lock);
	if (!removed) {
		NL_SET_ERR_MSG(extack, "No FDB entry for this MAC address");
		return -ENOENT;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_del, XVS_INTERNAL);

long xvs_fdb_for_each(struct xvs_fdb *fdb, long skip,
		      int (*fn)(struct xvs_fdb_entry *e, void *arg), void *arg)
{
	struct rhashtable_iter iter;
	struct xvs_fdb_entry *e;
	long i = 0;

	rhashtable_walk_enter(&fdb->table, &iter);
	rhashtable_walk_start(&iter);
	while ((e = rhashtable_walk_next(&iter))) {
		if (IS_ERR(e)) {
			if (PTR_ERR(e) == -EAGAIN)
				continue;	/* resized: entries may repeat */
			break;
		}
		if (i++ < skip)
			continue;
		if (fn(e, arg)) {
			i--;
			break;
		}
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	return i;
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_for_each, XVS_INTERNAL);

struct xvs_fdb_sweep {
	struct xvs_fdb *fdb;
	const struct xvs_port *port;	/* NULL: every port */
	bool with_static;
	unsigned long now;		/* ageing: entries idle since before */
	bool ageing;
	unsigned int removed;
};

static int xvs_fdb_sweep_one(struct xvs_fdb_entry *e, void *arg)
{
	struct xvs_fdb_sweep *sw = arg;

	if (sw->port && READ_ONCE(e->port) != sw->port)
		return 0;
	if (e->is_static && !sw->with_static)
		return 0;
	if (sw->ageing &&
	    !time_after(sw->now, READ_ONCE(e->updated) + sw->fdb->ageing))
		return 0;
	if (xvs_fdb_remove(sw->fdb, e))
		sw->removed++;
	return 0;
}

/**
 * xvs_fdb_flush() - forget the learned (and static) entries
 * @fdb: the FDB
 * @port: only this port's entries, or NULL for all
 * @with_static: static entries too
 *
 * Context: process.
 * Return: how many entries went.
 */
unsigned int xvs_fdb_flush(struct xvs_fdb *fdb, const struct xvs_port *port,
			   bool with_static)
{
	struct xvs_fdb_sweep sweep = {
		.fdb = fdb, .port = port, .with_static = with_static,
	};

	mutex_lock(&fdb->lock);
	xvs_fdb_for_each(fdb, 0, xvs_fdb_sweep_one, &sweep);
	mutex_unlock(&fdb->lock);
	return sweep.removed;
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_flush, XVS_INTERNAL);

/**
 * xvs_fdb_age() - forget learned entries idle for longer than the ageing
 * time
 * @fdb: the FDB
 * @now: the time (jiffies) to age against
 *
 * Context: process.
 * Return: how many entries went.
 */
unsigned int xvs_fdb_age(struct xvs_fdb *fdb, unsigned long now)
{
	struct xvs_fdb_sweep sweep = { .fdb = fdb, .now = now, .ageing = true };

	mutex_lock(&fdb->lock);
	if (fdb->ageing)
		xvs_fdb_for_each(fdb, 0, xvs_fdb_sweep_one, &sweep);
	mutex_unlock(&fdb->lock);
	return sweep.removed;
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_age, XVS_INTERNAL);

static unsigned long xvs_fdb_gc_interval(const struct xvs_fdb *fdb)
{
	return max_t(unsigned long, READ_ONCE(fdb->ageing) / 4, HZ / 2);
}

static void xvs_fdb_gc(struct work_struct *work)
{
	struct xvs_fdb *fdb = container_of(to_delayed_work(work),
					   struct xvs_fdb, gc_work);

	xvs_fdb_age(fdb, jiffies);
	if (READ_ONCE(fdb->ageing))
		queue_delayed_work(system_power_efficient_wq, &fdb->gc_work,
				   xvs_fdb_gc_interval(fdb));
}

/**
 * xvs_fdb_set_ageing() - how long learned entries live without traffic
 * @fdb: the FDB
 * @seconds: 0 for ever, at most %XVS_AGEING_MAX
 *
 * Context: process, RTNL.
 */
void xvs_fdb_set_ageing(struct xvs_fdb *fdb, u32 seconds)
{
	mutex_lock(&fdb->lock);
	WRITE_ONCE(fdb->ageing, (unsigned long)seconds * HZ);
	mutex_unlock(&fdb->lock);
	if (seconds)
		mod_delayed_work(system_power_efficient_wq, &fdb->gc_work,
				 xvs_fdb_gc_interval(fdb));
	else
		cancel_delayed_work(&fdb->gc_work);
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_set_ageing, XVS_INTERNAL);

/**
 * xvs_fdb_ageing_seconds() - the ageing time
 * @fdb: the FDB
 *
 * Return: seconds, 0 for ever.
 */
u32 xvs_fdb_ageing_seconds(const struct xvs_fdb *fdb)
{
	return READ_ONCE(fdb->ageing) / HZ;
}

/**
 * xvs_fdb_init() - an empty FDB with the default ageing time and limit
 * @fdb: the FDB
 *
 * Return: 0 or -ENOMEM.
 */
int xvs_fdb_init(struct xvs_fdb *fdb)
{
	int err = rhashtable_init(&fdb->table, &xvs_fdb_params);

	if (err)
		return err;
	mutex_init(&fdb->lock);
	atomic_set(&fdb->learned, 0);
	fdb->limit = XVS_FDB_LEARN_LIMIT_DEFAULT;
	fdb->ageing = XVS_FDB_AGEING_DEFAULT * HZ;
	INIT_DELAYED_WORK(&fdb->gc_work, xvs_fdb_gc);
	queue_delayed_work(system_power_efficient_wq, &fdb->gc_work,
			   xvs_fdb_gc_interval(fdb));
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_init, XVS_INTERNAL);

/**
 * xvs_fdb_destroy() - stop ageing and free every entry
 * @fdb: the FDB; nothing may use it any more
 *
 * Context: process.
 */
void xvs_fdb_destroy(struct xvs_fdb *fdb)
{
	cancel_delayed_work_sync(&fdb->gc_work);
	xvs_fdb_flush(fdb, NULL, true);
	rhashtable_destroy(&fdb->table);
	mutex_destroy(&fdb->lock);
}
EXPORT_SYMBOL_NS_GPL(xvs_fdb_destroy, XVS_INTERNAL);
