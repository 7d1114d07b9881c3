/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_LIFECYCLE_H
#define _XVS_LIFECYCLE_H

#include <linux/types.h>
#include <linux/xvs.h>

struct netlink_ext_ack;

/**
 * enum xvs_op - classes of operation gated by the lifecycle table
 * (SPEC section 3); one column of the table each.
 * @XVS_OP_REF_PORT: take or drop a reference on the port.
 * @XVS_OP_REF_NIC: take or drop a reference on the NIC.
 * @XVS_OP_CORE_PORT: a core (switch) operation on the port.
 * @XVS_OP_EXT_PORT: an extension's operation on the port.
 * @XVS_OP_CORE_NIC: a core operation on the NIC.
 * @XVS_OP_EXT_NIC: an extension's operation on the NIC.
 * @XVS_OP_CORE_TRAFFIC: core traffic through the NIC.
 * @XVS_OP_EXT_TRAFFIC: extension-originated traffic through the NIC.
 * @__XVS_OP_COUNT: number of operation classes.
 */
enum xvs_op {
	XVS_OP_REF_PORT,
	XVS_OP_REF_NIC,
	XVS_OP_CORE_PORT,
	XVS_OP_EXT_PORT,
	XVS_OP_CORE_NIC,
	XVS_OP_EXT_NIC,
	XVS_OP_CORE_TRAFFIC,
	XVS_OP_EXT_TRAFFIC,
	__XVS_OP_COUNT
};

/**
 * enum xvs_transition - requested changes of a connection's state
 * @XVS_TR_PORT_UPDATE: change the friendly name (state unchanged).
 * @XVS_TR_NIC_CREATE: create a NIC on the port.
 * @XVS_TR_NIC_CONNECT: connect the NIC.
 * @XVS_TR_NIC_DISCONNECT: disconnect the NIC.
 * @XVS_TR_NIC_DELETE: delete the NIC.
 * @XVS_TR_PORT_TEARDOWN: start tearing the port down.
 * @__XVS_TR_COUNT: number of transitions.
 */
enum xvs_transition {
	XVS_TR_PORT_UPDATE,
	XVS_TR_NIC_CREATE,
	XVS_TR_NIC_CONNECT,
	XVS_TR_NIC_DISCONNECT,
	XVS_TR_NIC_DELETE,
	XVS_TR_PORT_TEARDOWN,
	__XVS_TR_COUNT
};

int xvs_lifecycle_next(enum xvs_conn_state state, enum xvs_transition tr,
		       struct netlink_ext_ack *extack);
bool xvs_lifecycle_permits(enum xvs_conn_state state, enum xvs_op op);
int xvs_lifecycle_check(enum xvs_conn_state state, enum xvs_op op,
			struct netlink_ext_ack *extack);
const char *xvs_state_name(enum xvs_conn_state state);
const char *xvs_op_name(enum xvs_op op);

#endif /* _XVS_LIFECYCLE_H */
