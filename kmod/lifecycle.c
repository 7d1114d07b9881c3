// SPDX-License-Identifier: GPL-2.0
/*
 * The connection lifecycle (SPEC section 3) in one place: which transition
 * may start from which state (xvs_lifecycle_next()) and which operations each
 * state permits (xvs_lifecycle_check()). Every state check of the core and of
 * the extension API asks these and nothing else.
 */

#include <linux/errno.h>
#include <linux/export.h>
#include <linux/netlink.h>

#include "lifecycle.h"

#define P(op)	BIT(XVS_OP_##op)

/* Bit n set: operation class n is permitted in that state. */
static const u16 xvs_permitted[__XVS_STATE_MAX] = {
	[XVS_STATE_NONE]		= 0,
	[XVS_STATE_PORT_CREATED]	= P(REF_PORT) | P(CORE_PORT) | P(EXT_PORT),
	[XVS_STATE_NIC_CREATED]		= P(REF_PORT) | P(CORE_PORT) | P(EXT_PORT) |
					  P(CORE_NIC) | P(CORE_TRAFFIC),
	[XVS_STATE_NIC_CONNECTED]	= P(REF_PORT) | P(REF_NIC) | P(CORE_PORT) |
					  P(EXT_PORT) | P(CORE_NIC) | P(EXT_NIC) |
					  P(CORE_TRAFFIC) | P(EXT_TRAFFIC),
	/* Core traffic here is only what was in flight before disconnect. */
	[XVS_STATE_NIC_DISCONNECTED]	= P(REF_PORT) | P(CORE_PORT) | P(EXT_PORT) |
					  P(CORE_NIC) | P(CORE_TRAFFIC),
	[XVS_STATE_NIC_DELETED]		= P(REF_PORT) | P(CORE_PORT) | P(EXT_PORT),
	[XVS_STATE_PORT_TEARDOWN]	= P(CORE_PORT),
};

#undef P

static const char * const xvs_state_names[__XVS_STATE_MAX] = {
	[XVS_STATE_NONE]		= "none",
	[XVS_STATE_PORT_CREATED]	= "port-created",
	[XVS_STATE_NIC_CREATED]		= "nic-created",
	[XVS_STATE_NIC_CONNECTED]	= "nic-connected",
	[XVS_STATE_NIC_DISCONNECTED]	= "nic-disconnected",
	[XVS_STATE_NIC_DELETED]		= "nic-deleted",
	[XVS_STATE_PORT_TEARDOWN]	= "port-teardown",
};

static const char * const xvs_op_names[__XVS_OP_COUNT] = {
	[XVS_OP_REF_PORT]	= "port reference",
	[XVS_OP_REF_NIC]	= "NIC reference",
	[XVS_OP_CORE_PORT]	= "port operation",
	[XVS_OP_EXT_PORT]	= "extension port operation",
	[XVS_OP_CORE_NIC]	= "NIC operation",
	[XVS_OP_EXT_NIC]	= "extension NIC operation",
	[XVS_OP_CORE_TRAFFIC]	= "traffic",
	[XVS_OP_EXT_TRAFFIC]	= "extension traffic",
};

/**
 * xvs_state_name() - human-readable name of a connection state
 * @state: the state
 *
 * Return: a static string, "invalid" for an out-of-range value.
 */
const char *xvs_state_name(enum xvs_conn_state state)
{
	if ((unsigned int)state >= __XVS_STATE_MAX)
		return "invalid";
	return xvs_state_names[state];
}
EXPORT_SYMBOL_GPL(xvs_state_name);

/**
 * xvs_op_name() - human-readable name of an operation class
 * @op: the operation class
 *
 * Return: a static string, "invalid" for an out-of-range value.
 */
const char *xvs_op_name(enum xvs_op op)
{
	if ((unsigned int)op >= __XVS_OP_COUNT)
		return "invalid";
	return xvs_op_names[op];
}
EXPORT_SYMBOL_GPL(xvs_op_name);

/**
 * xvs_lifecycle_permits() - may @op be done on a connection in @state?
 * @state: the connection's lifecycle state
 * @op: the operation class
 *
 * Return: true when the lifecycle table permits it.
 */
bool xvs_lifecycle_permits(enum xvs_conn_state state, enum xvs_op op)
{
	if ((unsigned int)state >= __XVS_STATE_MAX ||
	    (unsigned int)op >= __XVS_OP_COUNT)
		return false;
	return xvs_permitted[state] & BIT(op);
}
EXPORT_SYMBOL_GPL(xvs_lifecycle_permits);

/**
 * xvs_lifecycle_check() - check @op against the lifecycle table
 * @state: the connection's lifecycle state
 * @op: the operation class
 * @extack: where to say why it is refused; may be NULL
 *
 * The errno tells the caller what is wrong with the object:
 * -ENOENT the port does not exist, -ESHUTDOWN it is being torn down,
 * -ENODEV it has no NIC, -ENOTCONN its NIC is not connected.
 *
 * Return: 0 when permitted, else the negative errno above.
 */
int xvs_lifecycle_check(enum xvs_conn_state state, enum xvs_op op,
			struct netlink_ext_ack *extack)
{
	if (xvs_lifecycle_permits(state, op))
		return 0;

	switch (state) {
	case XVS_STATE_NONE:
		NL_SET_ERR_MSG(extack, "Port does not exist");
		return -ENOENT;
	case XVS_STATE_PORT_TEARDOWN:
		NL_SET_ERR_MSG(extack, "Port is being torn down");
		return -ESHUTDOWN;
	case XVS_STATE_PORT_CREATED:
	case XVS_STATE_NIC_DELETED:
		NL_SET_ERR_MSG(extack, "Port has no NIC");
		return -ENODEV;
	case XVS_STATE_NIC_CREATED:
	case XVS_STATE_NIC_DISCONNECTED:
		NL_SET_ERR_MSG(extack, "NIC is not connected");
		return -ENOTCONN;
	default:
		NL_SET_ERR_MSG(extack, "Invalid lifecycle state");
		return -EINVAL;
	}
}
EXPORT_SYMBOL_GPL(xvs_lifecycle_check);

/**
 * xvs_lifecycle_next() - the state a transition leads to
 * @state: the connection's current state
 * @tr: the requested transition
 * @extack: where to say why it is refused; may be NULL
 *
 * Return: the new state, or a negative errno: -ENOENT no such port,
 * -ESHUTDOWN the port is being torn down, -ENODEV the port has no NIC,
 * -ENOTCONN the NIC is not connected, -EBUSY the state forbids it (the
 * extack says what must happen first).
 */
int xvs_lifecycle_next(enum xvs_conn_state state, enum xvs_transition tr,
		       struct netlink_ext_ack *extack)
{
	bool has_nic = state == XVS_STATE_NIC_CREATED ||
		       state == XVS_STATE_NIC_CONNECTED ||
		       state == XVS_STATE_NIC_DISCONNECTED;

	if ((unsigned int)state >= __XVS_STATE_MAX || state == XVS_STATE_NONE)
		return xvs_lifecycle_check(XVS_STATE_NONE, XVS_OP_CORE_PORT, extack);
	if (state == XVS_STATE_PORT_TEARDOWN)
		return xvs_lifecycle_check(state, XVS_OP_EXT_PORT, extack);

	switch (tr) {
	case XVS_TR_PORT_UPDATE:
		return state;
	case XVS_TR_NIC_CREATE:
		if (!has_nic)
			return XVS_STATE_NIC_CREATED;
		NL_SET_ERR_MSG(extack, "Port already has a NIC");
		return -EBUSY;
	case XVS_TR_NIC_CONNECT:
		if (state == XVS_STATE_NIC_CREATED)
			return XVS_STATE_NIC_CONNECTED;
		if (state == XVS_STATE_NIC_CONNECTED) {
			NL_SET_ERR_MSG(extack, "NIC is already connected");
			return -EBUSY;
		}
		if (state == XVS_STATE_NIC_DISCONNECTED) {
			NL_SET_ERR_MSG(extack,
				       "NIC was disconnected: delete it and create a new one");
			return -EBUSY;
		}
		break;
	case XVS_TR_NIC_DISCONNECT:
		if (state == XVS_STATE_NIC_CONNECTED)
			return XVS_STATE_NIC_DISCONNECTED;
		if (has_nic) {
			NL_SET_ERR_MSG(extack, "NIC is not connected");
			return -ENOTCONN;
		}
		break;
	case XVS_TR_NIC_DELETE:
		if (state == XVS_STATE_NIC_CREATED ||
		    state == XVS_STATE_NIC_DISCONNECTED)
			return XVS_STATE_NIC_DELETED;
		if (state == XVS_STATE_NIC_CONNECTED) {
			NL_SET_ERR_MSG(extack, "NIC is connected: disconnect it first");
			return -EBUSY;
		}
		break;
	case XVS_TR_PORT_TEARDOWN:
		if (!has_nic)
			return XVS_STATE_PORT_TEARDOWN;
		NL_SET_ERR_MSG(extack, "Port has a NIC: delete the NIC first");
		return -EBUSY;
	default:
		NL_SET_ERR_MSG(extack, "Invalid lifecycle transition");
		return -EINVAL;
	}
	/* A NIC transition on a port without a NIC. */
	return xvs_lifecycle_check(state, XVS_OP_CORE_NIC, extack);
}
EXPORT_SYMBOL_GPL(xvs_lifecycle_next);
