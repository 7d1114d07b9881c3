/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * xvs - the extensible virtual switch: the generic netlink API, shared by the
 * kernel module and userspace (xvsctl, YNL clients). The YNL spec
 * Documentation/netlink/specs/xvs.yaml describes the same family.
 */
#ifndef _UAPI_LINUX_XVS_H
#define _UAPI_LINUX_XVS_H

#define XVS_GENL_NAME		"xvs"
#define XVS_GENL_VERSION	1
#define XVS_GENL_MCGRP_EVENTS	"events"
#define XVS_LINK_KIND		"xvs"

/* Longest port name and friendly name, terminating NUL included. */
#define XVS_PORT_NAME_LEN	64
#define XVS_FRIENDLY_NAME_LEN	256
/* NIC index 0 is the device on the port; 1..32 are reserved (team members). */
#define XVS_NIC_INDEX_MAX	32
/* Largest FDB ageing time (seconds), learning limit and VLAN id. */
#define XVS_AGEING_MAX		1000000
#define XVS_LEARN_LIMIT_MAX	1048576
#define XVS_VLAN_MAX		4094
/* Longest extension name (NUL included), most extensions enabled on one
 * switch, largest custom property value.
 */
#define XVS_EXT_NAME_LEN	32
#define XVS_EXT_MAX_ENABLED	8
#define XVS_PROP_DATA_MAX	1024
/* A custom property's version: major in the high 16 bits, minor in the low. */
#define XVS_PROP_VERSION(major, minor)	(((major) << 16) | ((minor) & 0xffff))

/**
 * enum xvs_switch_type - what a switch connects
 * @XVS_SWITCH_PRIVATE: VM and container ports only.
 * @XVS_SWITCH_INTERNAL: plus the host: the switch netdev is the host's NIC.
 * @XVS_SWITCH_EXTERNAL: plus one uplink netdev bound as the external port.
 */
/*
 * Port policies. A trunk's allowed VLANs are a bitmap of XVS_VLAN_BITMAP_LEN
 * bytes (bit n of byte n / 8, least significant first: VLAN n; bits 0 and
 * 4095 must be clear). Most ACL rules on one port.
 */
#define XVS_VLAN_BITMAP_LEN	512
#define XVS_ACL_MAX_RULES	4096

/**
 * enum xvs_vlan_mode - how a port takes part in VLANs
 * @XVS_VLAN_NONE: VLAN-unaware (default): its frames are in the switch's
 *	untagged domain (VLAN 0) and keep any tag they carry.
 * @XVS_VLAN_ACCESS: untagged port in one VLAN (PORT_VLAN_ID); tagged
 *	frames from it are dropped (%XVS_DROP_VLAN), frames to it leave
 *	untagged.
 * @XVS_VLAN_TRUNK: tagged port: frames tagged with an allowed VLAN
 *	(PORT_VLAN_TRUNK) are in that VLAN, untagged ones in the native VLAN
 *	(PORT_VLAN_NATIVE; 0 = the untagged domain); frames leave tagged,
 *	those of the native VLAN untagged.
 */
enum xvs_vlan_mode {
	XVS_VLAN_NONE,
	XVS_VLAN_ACCESS,
	XVS_VLAN_TRUNK,

	__XVS_VLAN_MODE_MAX,
	XVS_VLAN_MODE_MAX = __XVS_VLAN_MODE_MAX - 1
};

/**
 * enum xvs_mirror_mode - port mirroring
 * @XVS_MIRROR_NONE: not mirrored (default).
 * @XVS_MIRROR_SOURCE: every frame the port sends into the switch or
 *	receives from it is copied to the destination ports.
 * @XVS_MIRROR_DESTINATION: a monitor port: gets a copy of the frames of
 *	every source port (tagged with their VLAN, if any).
 */
enum xvs_mirror_mode {
	XVS_MIRROR_NONE,
	XVS_MIRROR_SOURCE,
	XVS_MIRROR_DESTINATION,

	__XVS_MIRROR_MODE_MAX,
	XVS_MIRROR_MODE_MAX = __XVS_MIRROR_MODE_MAX - 1
};

/**
 * enum xvs_storm_class - traffic classes a storm limit applies to
 * @XVS_STORM_BCAST: broadcast frames.
 * @XVS_STORM_MCAST: multicast frames.
 * @XVS_STORM_UNKNOWN: unicast frames to a MAC the FDB does not know.
 */
enum xvs_storm_class {
	XVS_STORM_BCAST,
	XVS_STORM_MCAST,
	XVS_STORM_UNKNOWN,

	__XVS_STORM_MAX,
	XVS_STORM_MAX = __XVS_STORM_MAX - 1
};

/**
 * enum xvs_acl_dir - which traffic of a port an ACL rule sees
 * @XVS_ACL_DIR_IN: frames toward the VM or container behind the port.
 * @XVS_ACL_DIR_OUT: frames it sends.
 * @XVS_ACL_DIR_BOTH: both.
 */
enum xvs_acl_dir {
	XVS_ACL_DIR_IN = 1,
	XVS_ACL_DIR_OUT,
	XVS_ACL_DIR_BOTH,

	__XVS_ACL_DIR_MAX,
	XVS_ACL_DIR_MAX = __XVS_ACL_DIR_MAX - 1
};

/**
 * enum xvs_acl_action - what a rule does with the frames it wins
 * @XVS_ACL_ALLOW: let them through.
 * @XVS_ACL_DENY: drop them (%XVS_DROP_ACL).
 * @XVS_ACL_METER: let them through; the rule's counters are the point.
 */
enum xvs_acl_action {
	XVS_ACL_ALLOW,
	XVS_ACL_DENY,
	XVS_ACL_METER,

	__XVS_ACL_ACTION_MAX,
	XVS_ACL_ACTION_MAX = __XVS_ACL_ACTION_MAX - 1
};

enum xvs_switch_type {
	XVS_SWITCH_PRIVATE,
	XVS_SWITCH_INTERNAL,
	XVS_SWITCH_EXTERNAL,

	__XVS_SWITCH_TYPE_MAX,
	XVS_SWITCH_TYPE_MAX = __XVS_SWITCH_TYPE_MAX - 1
};

/**
 * enum xvs_ext_type - the class of an extension; the stack order of the
 * classes on ingress (egress runs back)
 * @XVS_EXT_CAPTURE: inspects frames, may originate frames.
 * @XVS_EXT_FILTER: may also drop frames and exclude destinations, veto,
 *	and enforce its own custom properties.
 * @XVS_EXT_FORWARDING: chooses the destinations (at most one enabled per
 *	switch; with none, the switch forwards natively by MAC learning).
 */
enum xvs_ext_type {
	XVS_EXT_CAPTURE,
	XVS_EXT_FILTER,
	XVS_EXT_FORWARDING,

	__XVS_EXT_TYPE_MAX,
	XVS_EXT_TYPE_MAX = __XVS_EXT_TYPE_MAX - 1
};

/**
 * enum xvs_port_type - what a port connects
 * @XVS_PORT_VM: a VM's NIC (a tap device).
 * @XVS_PORT_CONTAINER: a container's NIC (a veth device).
 * @XVS_PORT_INTERNAL: the host's NIC on an internal switch.
 * @XVS_PORT_EXTERNAL: the uplink of an external switch.
 */
enum xvs_port_type {
	XVS_PORT_VM,
	XVS_PORT_CONTAINER,
	XVS_PORT_INTERNAL,
	XVS_PORT_EXTERNAL,

	__XVS_PORT_TYPE_MAX,
	XVS_PORT_TYPE_MAX = __XVS_PORT_TYPE_MAX - 1
};

/**
 * enum xvs_conn_state - lifecycle state of one connection (a port and the
 * NIC attached to it), in the order a connection goes through them.
 * @XVS_STATE_NONE: the port does not exist (not created, or deleted).
 * @XVS_STATE_PORT_CREATED: the port exists and has no NIC.
 * @XVS_STATE_NIC_CREATED: a NIC was created on the port, not yet connected.
 * @XVS_STATE_NIC_CONNECTED: the NIC is connected: traffic flows.
 * @XVS_STATE_NIC_DISCONNECTED: the NIC was disconnected; it waits for its
 *	in-flight packets and references to drain before it is deleted.
 * @XVS_STATE_NIC_DELETED: the NIC was deleted; the port is free for a new NIC.
 * @XVS_STATE_PORT_TEARDOWN: the port is being torn down; it is deleted once
 *	its reference count reaches zero.
 */
enum xvs_conn_state {
	XVS_STATE_NONE,
	XVS_STATE_PORT_CREATED,
	XVS_STATE_NIC_CREATED,
	XVS_STATE_NIC_CONNECTED,
	XVS_STATE_NIC_DISCONNECTED,
	XVS_STATE_NIC_DELETED,
	XVS_STATE_PORT_TEARDOWN,

	__XVS_STATE_MAX,
	XVS_STATE_MAX = __XVS_STATE_MAX - 1
};

/**
 * enum xvs_event - lifecycle transitions, as sent to the "events" group
 * @XVS_EVENT_SWITCH_CREATE: a switch was created.
 * @XVS_EVENT_SWITCH_DELETE: a switch was deleted (after all its ports).
 * @XVS_EVENT_PORT_CREATE: a port was created.
 * @XVS_EVENT_PORT_UPDATE: a port's friendly name changed.
 * @XVS_EVENT_PORT_TEARDOWN: a port started its teardown.
 * @XVS_EVENT_PORT_DELETE: a port was deleted (its reference count hit 0).
 * @XVS_EVENT_NIC_CREATE: a NIC was created on a port.
 * @XVS_EVENT_NIC_CONNECT: a NIC was connected.
 * @XVS_EVENT_NIC_UPDATE: a connected NIC's device changed (MTU, address).
 * @XVS_EVENT_NIC_DISCONNECT: a NIC was disconnected.
 * @XVS_EVENT_NIC_DELETE: a NIC was deleted (no packets in flight, no refs).
 * @XVS_EVENT_EXT_ENABLE: an extension was enabled on the switch (EXT_NAME,
 *	EXT_POSITION).
 * @XVS_EVENT_EXT_DISABLE: an extension was disabled on the switch
 *	(EXT_NAME).
 * @XVS_EVENT_EXT_ORDER: the switch's extensions were reordered.
 */
enum xvs_event {
	XVS_EVENT_SWITCH_CREATE,
	XVS_EVENT_SWITCH_DELETE,
	XVS_EVENT_PORT_CREATE,
	XVS_EVENT_PORT_UPDATE,
	XVS_EVENT_PORT_TEARDOWN,
	XVS_EVENT_PORT_DELETE,
	XVS_EVENT_NIC_CREATE,
	XVS_EVENT_NIC_CONNECT,
	XVS_EVENT_NIC_UPDATE,
	XVS_EVENT_NIC_DISCONNECT,
	XVS_EVENT_NIC_DELETE,
	XVS_EVENT_EXT_ENABLE,
	XVS_EVENT_EXT_DISABLE,
	XVS_EVENT_EXT_ORDER,

	__XVS_EVENT_MAX,
	XVS_EVENT_MAX = __XVS_EVENT_MAX - 1
};

/**
 * enum xvs_attr - attributes of every xvs command (one flat set)
 * @XVS_A_UNSPEC: unused.
 * @XVS_A_PAD: padding for 64-bit attributes.
 * @XVS_A_SWITCH_NAME: string, switch (netdev) name; selects a switch.
 * @XVS_A_SWITCH_IFINDEX: u32, switch netdev ifindex; selects a switch.
 * @XVS_A_SWITCH_ID: u32, switch id, unique on the host (read-only).
 * @XVS_A_SWITCH_TYPE: u32, &enum xvs_switch_type.
 * @XVS_A_SWITCH_UPLINK: string, uplink netdev name (external switches).
 * @XVS_A_SWITCH_PORTS: u32, number of ports (read-only).
 * @XVS_A_PORT_ID: u32 > 0, port id, unique in its switch.
 * @XVS_A_PORT_NAME: string, port name, unique in its switch.
 * @XVS_A_PORT_FRIENDLY_NAME: string, free text (PORT_SET changes it).
 * @XVS_A_PORT_TYPE: u32, &enum xvs_port_type.
 * @XVS_A_PORT_VALIDATION: flag, a validation port (never gets a NIC).
 * @XVS_A_PORT_STATE: u32, &enum xvs_conn_state (read-only).
 * @XVS_A_PORT_REFCNT: u32, references held on the port (read-only).
 * @XVS_A_NIC_INDEX: u32, NIC index on the port (0).
 * @XVS_A_NIC_IFNAME: string, the NIC's netdev name.
 * @XVS_A_NIC_IFINDEX: u32, the NIC's netdev ifindex.
 * @XVS_A_NIC_REFCNT: u32, references held on the NIC (read-only).
 * @XVS_A_EVENT: u32, &enum xvs_event (events only).
 * @XVS_A_OLD_STATE: u32, &enum xvs_conn_state before the event.
 * @XVS_A_NEW_STATE: u32, &enum xvs_conn_state after the event.
 * @XVS_A_EVENT_SEQ: u64, per-network-namespace event sequence number.
 * @XVS_A_SWITCH_AGEING: u32, seconds a learned FDB entry lives without
 *	traffic from its MAC; 0 = learned entries never age (default 300).
 * @XVS_A_SWITCH_LEARN_LIMIT: u32, most learned FDB entries the switch
 *	holds; a frame whose new source MAC would exceed it is dropped
 *	(&XVS_DROP_LEARN_LIMIT); 0 = no limit (default 8192).
 * @XVS_A_SWITCH_FDB_LEARNED: u32, learned FDB entries now (read-only).
 * @XVS_A_STATS: nest, &enum xvs_stats_attr: traffic counters of a port or
 *	a switch (read-only).
 * @XVS_A_FDB_MAC: binary (6 bytes), the MAC address of an FDB entry.
 * @XVS_A_FDB_VLAN: u16, the VLAN of an FDB entry (0: the untagged
 *	domain of VLAN-unaware ports); the FDB is keyed by MAC and VLAN.
 * @XVS_A_FDB_STATIC: flag, a static entry (added by hand, never ages, never
 *	moves); in FDB_FLUSH: flush static entries too.
 * @XVS_A_FDB_AGE: u32, milliseconds since a frame from the entry's MAC
 *	was last seen, at most U32_MAX (learned entries, read-only).
 * @XVS_A_EXT_NAME: string, an extension's name.
 * @XVS_A_EXT_TYPE: u32, &enum xvs_ext_type (read-only).
 * @XVS_A_EXT_ENABLED: flag, the extension is enabled on the switch
 *	(read-only; EXT_GET with a switch).
 * @XVS_A_EXT_POSITION: u32, the extension's place in the switch's stack,
 *	from 0 (read-only).
 * @XVS_A_EXT_SWITCHES: u32, switches the extension is enabled on, in all
 *	namespaces (read-only; EXT_GET without a switch).
 * @XVS_A_EXT_ORDER: nest of EXT_NAME (EXT_ORDER).
 * @XVS_A_EXT_STATS: nest, &enum xvs_ext_stats_attr (read-only).
 * @XVS_A_PROP_ID: u32, a custom property's id (the owner's numbering).
 * @XVS_A_PROP_INSTANCE: u32, the instance of the property (0 when the
 *	property is not a list).
 * @XVS_A_PROP_VERSION: u32, XVS_PROP_VERSION(major, minor).
 * @XVS_A_PROP_DATA: binary, the value, opaque to the switch, at most
 *	%XVS_PROP_DATA_MAX bytes.
 * @XVS_A_PORT_VLAN_MODE: u32, &enum xvs_vlan_mode.
 * @XVS_A_PORT_VLAN_ID: u16 1..4094, an access port's VLAN.
 * @XVS_A_PORT_VLAN_NATIVE: u16 0..4094, a trunk's native VLAN (0: none,
 *	untagged frames are in the untagged domain).
 * @XVS_A_PORT_VLAN_TRUNK: binary (%XVS_VLAN_BITMAP_LEN bytes), a trunk's
 *	allowed VLANs.
 * @XVS_A_PORT_MAC: binary (6 bytes), the guest's MAC address behind the
 *	port (all zeros: none); what the MAC spoofing guard allows.
 * @XVS_A_PORT_SPOOF_GUARD: u8 0/1, drop frames from the port whose source
 *	MAC is not PORT_MAC (%XVS_DROP_SPOOF_GUARD).
 * @XVS_A_PORT_DHCP_GUARD: u8 0/1, drop DHCP and DHCPv6 server messages from
 *	the port (%XVS_DROP_DHCP_GUARD).
 * @XVS_A_PORT_ROUTER_GUARD: u8 0/1, drop router advertisements and
 *	redirects (ICMPv6 134 and 137, ICMP 9 and 5) from the port
 *	(%XVS_DROP_ROUTER_GUARD).
 * @XVS_A_PORT_ISOLATED: u8 0/1, an isolated port: no traffic to or from
 *	other isolated ports (%XVS_DROP_ISOLATED for frames sent to one).
 * @XVS_A_PORT_RATE: u64, most bits per second the port may send into the
 *	switch (0: no limit; frames over it: %XVS_DROP_RATE).
 * @XVS_A_PORT_RATE_BURST: u32, bytes the port may send at once above the
 *	rate (0: the default, 1/10 s of the rate, at least 16 KiB).
 * @XVS_A_PORT_STORM_BCAST: u32, most broadcast frames per second the port
 *	may send (0: no limit; over it: %XVS_DROP_STORM).
 * @XVS_A_PORT_STORM_MCAST: u32, the same for multicast frames.
 * @XVS_A_PORT_STORM_UNKNOWN: u32, the same for unicast frames to unknown
 *	MACs (those the switch floods).
 * @XVS_A_PORT_MIRROR: u32, &enum xvs_mirror_mode.
 * @XVS_A_PORT_POLICY_OWNER: string, the forwarding extension that took
 *	over the port's standard policies (VLAN and security guards); absent
 *	when the switch enforces them (read-only).
 * @XVS_A_ACL_DIR: u32, &enum xvs_acl_dir.
 * @XVS_A_ACL_ACTION: u32, &enum xvs_acl_action.
 * @XVS_A_ACL_LOCAL: flag, the rule's address is the port's side (the
 *	source of frames out, the destination of frames in); absent: the
 *	remote side.
 * @XVS_A_ACL_MAC: binary (6 bytes), the rule matches this MAC address.
 * @XVS_A_ACL_IPV4: binary (4 bytes, network order), the rule matches this
 *	IPv4 prefix (ACL_PREFIX_LEN bits, default 32).
 * @XVS_A_ACL_IPV6: binary (16 bytes), the same for IPv6 (default 128).
 * @XVS_A_ACL_PREFIX_LEN: u8, the prefix length of ACL_IPV4 or ACL_IPV6.
 * @XVS_A_ACL_PACKETS: u64, frames the rule decided (read-only).
 * @XVS_A_ACL_BYTES: u64, their bytes (read-only).
 * @XVS_A_ACL_ALL: flag, ACL_DEL: delete every rule of the port.
 * @XVS_A_PROP_REQUIRED: flag (PROP_ADD of a port property, dumps): the
 *	port may not connect its NIC unless the property's owner is enabled
 *	on the switch (-EOPNOTSUPP). Kept by updates; PROP_SET refuses it.
 * @XVS_A_STATUS: nest of %XVS_A_STATUS_ITEM (STATUS_GET, read-only): an
 *	extension's runtime status of a port or a switch.
 * @XVS_A_BLOB: nest, &enum xvs_blob_attr, one extension's saved state of a
 *	NIC (NIC_SAVE reply, NIC_RESTORE request; repeated, in save order).
 * @XVS_A_BLOB_UNCLAIMED: string, the owner of a blob no extension enabled
 *	on the switch claimed (NIC_RESTORE reply; repeated).
 */
enum xvs_attr {
	XVS_A_UNSPEC,
	XVS_A_PAD,
	XVS_A_SWITCH_NAME,
	XVS_A_SWITCH_IFINDEX,
	XVS_A_SWITCH_ID,
	XVS_A_SWITCH_TYPE,
	XVS_A_SWITCH_UPLINK,
	XVS_A_SWITCH_PORTS,
	XVS_A_PORT_ID,
	XVS_A_PORT_NAME,
	XVS_A_PORT_FRIENDLY_NAME,
	XVS_A_PORT_TYPE,
	XVS_A_PORT_VALIDATION,
	XVS_A_PORT_STATE,
	XVS_A_PORT_REFCNT,
	XVS_A_NIC_INDEX,
	XVS_A_NIC_IFNAME,
	XVS_A_NIC_IFINDEX,
	XVS_A_NIC_REFCNT,
	XVS_A_EVENT,
	XVS_A_OLD_STATE,
	XVS_A_NEW_STATE,
	XVS_A_EVENT_SEQ,
	XVS_A_SWITCH_AGEING,
	XVS_A_SWITCH_LEARN_LIMIT,
	XVS_A_SWITCH_FDB_LEARNED,
	XVS_A_STATS,
	XVS_A_FDB_MAC,
	XVS_A_FDB_VLAN,
	XVS_A_FDB_STATIC,
	XVS_A_FDB_AGE,
	XVS_A_EXT_NAME,
	XVS_A_EXT_TYPE,
	XVS_A_EXT_ENABLED,
	XVS_A_EXT_POSITION,
	XVS_A_EXT_SWITCHES,
	XVS_A_EXT_ORDER,
	XVS_A_EXT_STATS,
	XVS_A_PROP_ID,
	XVS_A_PROP_INSTANCE,
	XVS_A_PROP_VERSION,
	XVS_A_PROP_DATA,
	XVS_A_PORT_VLAN_MODE,
	XVS_A_PORT_VLAN_ID,
	XVS_A_PORT_VLAN_NATIVE,
	XVS_A_PORT_VLAN_TRUNK,
	XVS_A_PORT_MAC,
	XVS_A_PORT_SPOOF_GUARD,
	XVS_A_PORT_DHCP_GUARD,
	XVS_A_PORT_ROUTER_GUARD,
	XVS_A_PORT_ISOLATED,
	XVS_A_PORT_RATE,
	XVS_A_PORT_RATE_BURST,
	XVS_A_PORT_STORM_BCAST,
	XVS_A_PORT_STORM_MCAST,
	XVS_A_PORT_STORM_UNKNOWN,
	XVS_A_PORT_MIRROR,
	XVS_A_PORT_POLICY_OWNER,
	XVS_A_ACL_DIR,
	XVS_A_ACL_ACTION,
	XVS_A_ACL_LOCAL,
	XVS_A_ACL_MAC,
	XVS_A_ACL_IPV4,
	XVS_A_ACL_IPV6,
	XVS_A_ACL_PREFIX_LEN,
	XVS_A_ACL_PACKETS,
	XVS_A_ACL_BYTES,
	XVS_A_ACL_ALL,
	XVS_A_PROP_REQUIRED,
	XVS_A_STATUS,
	XVS_A_BLOB,
	XVS_A_BLOB_UNCLAIMED,

	__XVS_A_MAX,
	XVS_A_MAX = __XVS_A_MAX - 1
};

/**
 * enum xvs_drop_reason - why the switch dropped a frame
 * @XVS_DROP_NIC_NOT_CONNECTED: the frame came from, or was for, a NIC that
 *	is not connected (or a switch with no host port).
 * @XVS_DROP_LINK_DOWN: the destination NIC's device is down.
 * @XVS_DROP_NO_DESTINATION: nowhere to send it: its destination MAC is
 *	on the port it came from, or no other port is connected.
 * @XVS_DROP_MTU: longer than the destination device's MTU.
 * @XVS_DROP_LEARN_LIMIT: its source MAC is new and the switch already
 *	holds its limit of learned FDB entries.
 * @XVS_DROP_INVALID_SOURCE: its source MAC is multicast or zero, or it
 *	has no Ethernet header to take one from (shorter than one).
 * @XVS_DROP_NOMEM: no memory to copy it for another destination.
 * @XVS_DROP_TX_ERROR: the destination device refused it.
 * @XVS_DROP_LOOP: the switch was re-entered too deeply (a loop).
 * @XVS_DROP_EXTENSION: an extension dropped the frame or excluded the
 *	destination (the extension's own counters and the xvs_ext_drop
 *	tracepoint say which and why).
 * @XVS_DROP_VLAN: not in a VLAN the port allows (a tagged frame on an
 *	access port, a VLAN a trunk does not carry, a destination outside
 *	the frame's VLAN).
 * @XVS_DROP_SPOOF_GUARD: source MAC not the port's guest MAC.
 * @XVS_DROP_DHCP_GUARD: a DHCP server message from a guarded port.
 * @XVS_DROP_ROUTER_GUARD: a router advertisement or redirect from a
 *	guarded port.
 * @XVS_DROP_ACL: denied by an ACL rule of the port.
 * @XVS_DROP_RATE: over the port's bandwidth limit.
 * @XVS_DROP_STORM: over the port's storm limit.
 * @XVS_DROP_ISOLATED: between two isolated ports.
 */
enum xvs_drop_reason {
	XVS_DROP_NIC_NOT_CONNECTED,
	XVS_DROP_LINK_DOWN,
	XVS_DROP_NO_DESTINATION,
	XVS_DROP_MTU,
	XVS_DROP_LEARN_LIMIT,
	XVS_DROP_INVALID_SOURCE,
	XVS_DROP_NOMEM,
	XVS_DROP_TX_ERROR,
	XVS_DROP_LOOP,
	XVS_DROP_EXTENSION,
	XVS_DROP_VLAN,
	XVS_DROP_SPOOF_GUARD,
	XVS_DROP_DHCP_GUARD,
	XVS_DROP_ROUTER_GUARD,
	XVS_DROP_ACL,
	XVS_DROP_RATE,
	XVS_DROP_STORM,
	XVS_DROP_ISOLATED,

	__XVS_DROP_MAX,
	XVS_DROP_MAX = __XVS_DROP_MAX - 1
};

/**
 * enum xvs_stats_attr - traffic counters (u64 each) in an %XVS_A_STATS nest
 * @XVS_STATS_UNSPEC: unused.
 * @XVS_STATS_PAD: padding.
 * @XVS_STATS_RX_PACKETS: frames that entered the switch (from the port's
 *	NIC, for a port).
 * @XVS_STATS_RX_BYTES: their bytes, Ethernet header included.
 * @XVS_STATS_TX_PACKETS: frames the switch sent (to the port's NIC).
 * @XVS_STATS_TX_BYTES: their bytes.
 * @XVS_STATS_FORWARDED: entering frames sent to the one port the FDB named.
 * @XVS_STATS_FLOODED: entering frames sent to every other connected port
 *	(broadcast, multicast, unknown unicast).
 * @XVS_STATS_RX_DROPPED: entering frames dropped before any destination
 *	(the sum of the drop reasons counted on entry).
 * @XVS_STATS_TX_DROPPED: copies dropped on the way to one destination.
 * @XVS_STATS_DROP_NIC_NOT_CONNECTED: drops by &enum xvs_drop_reason, ...
 * @XVS_STATS_DROP_LINK_DOWN: ...
 * @XVS_STATS_DROP_NO_DESTINATION: ...
 * @XVS_STATS_DROP_MTU: ...
 * @XVS_STATS_DROP_LEARN_LIMIT: ...
 * @XVS_STATS_DROP_INVALID_SOURCE: ...
 * @XVS_STATS_DROP_NOMEM: ...
 * @XVS_STATS_DROP_TX_ERROR: ...
 * @XVS_STATS_DROP_LOOP: ...
 * @XVS_STATS_DROP_EXTENSION: ... one attribute per reason, in its order.
 * @XVS_STATS_CONSUMED: entering frames an extension took over (neither
 *	dropped nor forwarded by the switch).
 * @XVS_STATS_DROP_VLAN: ...
 * @XVS_STATS_DROP_SPOOF_GUARD: ...
 * @XVS_STATS_DROP_DHCP_GUARD: ...
 * @XVS_STATS_DROP_ROUTER_GUARD: ...
 * @XVS_STATS_DROP_ACL: ...
 * @XVS_STATS_DROP_RATE: ...
 * @XVS_STATS_DROP_STORM: ...
 * @XVS_STATS_DROP_ISOLATED: the drop reasons from %XVS_DROP_VLAN on, one
 *	attribute each in their order.
 *
 * They add up: RX_PACKETS = FORWARDED + FLOODED + CONSUMED + RX_DROPPED,
 * and every destination of a forwarded or flooded frame counts once in
 * TX_PACKETS or TX_DROPPED.
 */
enum xvs_stats_attr {
	XVS_STATS_UNSPEC,
	XVS_STATS_PAD,
	XVS_STATS_RX_PACKETS,
	XVS_STATS_RX_BYTES,
	XVS_STATS_TX_PACKETS,
	XVS_STATS_TX_BYTES,
	XVS_STATS_FORWARDED,
	XVS_STATS_FLOODED,
	XVS_STATS_RX_DROPPED,
	XVS_STATS_TX_DROPPED,
	XVS_STATS_DROP_NIC_NOT_CONNECTED,
	XVS_STATS_DROP_LINK_DOWN,
	XVS_STATS_DROP_NO_DESTINATION,
	XVS_STATS_DROP_MTU,
	XVS_STATS_DROP_LEARN_LIMIT,
	XVS_STATS_DROP_INVALID_SOURCE,
	XVS_STATS_DROP_NOMEM,
	XVS_STATS_DROP_TX_ERROR,
	XVS_STATS_DROP_LOOP,
	XVS_STATS_DROP_EXTENSION,
	XVS_STATS_CONSUMED,
	XVS_STATS_DROP_VLAN,
	XVS_STATS_DROP_SPOOF_GUARD,
	XVS_STATS_DROP_DHCP_GUARD,
	XVS_STATS_DROP_ROUTER_GUARD,
	XVS_STATS_DROP_ACL,
	XVS_STATS_DROP_RATE,
	XVS_STATS_DROP_STORM,
	XVS_STATS_DROP_ISOLATED,

	__XVS_STATS_MAX,
	XVS_STATS_MAX = __XVS_STATS_MAX - 1
};

/**
 * enum xvs_ext_stats_attr - counters (u64 each) of one extension on one
 *	switch, in an %XVS_A_EXT_STATS nest
 * @XVS_EXT_STATS_UNSPEC: unused.
 * @XVS_EXT_STATS_PAD: padding.
 * @XVS_EXT_STATS_INGRESS: frames the extension saw on ingress.
 * @XVS_EXT_STATS_EGRESS: destinations the extension saw on egress.
 * @XVS_EXT_STATS_DROPPED: frames it dropped on ingress.
 * @XVS_EXT_STATS_EXCLUDED: destinations it excluded on egress.
 * @XVS_EXT_STATS_CONSUMED: frames it took over (neither dropped nor
 *	passed on).
 * @XVS_EXT_STATS_INJECTED: frames it injected into the switch.
 */
enum xvs_ext_stats_attr {
	XVS_EXT_STATS_UNSPEC,
	XVS_EXT_STATS_PAD,
	XVS_EXT_STATS_INGRESS,
	XVS_EXT_STATS_EGRESS,
	XVS_EXT_STATS_DROPPED,
	XVS_EXT_STATS_EXCLUDED,
	XVS_EXT_STATS_CONSUMED,
	XVS_EXT_STATS_INJECTED,

	__XVS_EXT_STATS_MAX,
	XVS_EXT_STATS_MAX = __XVS_EXT_STATS_MAX - 1
};

/* Longest key of an extension's status item, with its NUL. */
#define XVS_STATUS_KEY_LEN	32
/* Most bytes of one saved-state blob. */
#define XVS_BLOB_DATA_MAX	16384

/**
 * enum xvs_status_attr - one item of an extension's status, in an
 *	%XVS_A_STATUS_ITEM nest
 * @XVS_STATUS_A_UNSPEC: unused
 * @XVS_STATUS_A_KEY: string, the item's name (at most
 *	%XVS_STATUS_KEY_LEN - 1 bytes)
 * @XVS_STATUS_A_VALUE: u64, its value
 * @XVS_STATUS_A_TEXT: string, or its value as text
 * @XVS_STATUS_A_PAD: padding for @XVS_STATUS_A_VALUE
 * @__XVS_STATUS_A_MAX: one past the last
 * @XVS_STATUS_A_MAX: the last
 */
enum xvs_status_attr {
	XVS_STATUS_A_UNSPEC,
	XVS_STATUS_A_KEY,
	XVS_STATUS_A_VALUE,
	XVS_STATUS_A_TEXT,
	XVS_STATUS_A_PAD,

	__XVS_STATUS_A_MAX,
	XVS_STATUS_A_MAX = __XVS_STATUS_A_MAX - 1
};

/**
 * enum xvs_status - the attributes of an %XVS_A_STATUS nest
 * @XVS_A_STATUS_ITEM: nest, &enum xvs_status_attr, one item (repeated)
 */
enum xvs_status {
	XVS_A_STATUS_ITEM = 1,
};

/**
 * enum xvs_blob_attr - one extension's saved state of a NIC, in an
 *	%XVS_A_BLOB nest
 * @XVS_BLOB_A_UNSPEC: unused
 * @XVS_BLOB_A_OWNER: string, the extension that saved it and restores it
 * @XVS_BLOB_A_DATA: binary, the state, opaque to the switch, at most
 *	%XVS_BLOB_DATA_MAX bytes
 * @__XVS_BLOB_A_MAX: one past the last
 * @XVS_BLOB_A_MAX: the last
 */
enum xvs_blob_attr {
	XVS_BLOB_A_UNSPEC,
	XVS_BLOB_A_OWNER,
	XVS_BLOB_A_DATA,

	__XVS_BLOB_A_MAX,
	XVS_BLOB_A_MAX = __XVS_BLOB_A_MAX - 1
};

/**
 * enum xvs_cmd - generic netlink commands of the xvs family
 * @XVS_CMD_UNSPEC: unused.
 * @XVS_CMD_SWITCH_NEW: create a switch (NAME; TYPE, UPLINK optional).
 * @XVS_CMD_SWITCH_DEL: delete a switch and everything on it.
 * @XVS_CMD_SWITCH_GET: get one switch, or dump all in the netns.
 * @XVS_CMD_SWITCH_SET: change a switch's type (and uplink), FDB ageing
 *	time or learning limit.
 * @XVS_CMD_PORT_NEW: create a port (switch, NAME; ID, TYPE, FRIENDLY_NAME,
 *	VALIDATION optional). The reply carries the port.
 * @XVS_CMD_PORT_DEL: tear a port down (it must have no NIC).
 * @XVS_CMD_PORT_GET: get one port (ID or NAME), or dump a switch's ports.
 * @XVS_CMD_PORT_SET: change a port's friendly name and policies (PORT_VLAN_*,
 *	PORT_MAC, the guards, PORT_ISOLATED, PORT_RATE*, PORT_STORM_*,
 *	PORT_MIRROR); attributes not given keep their value. All or nothing.
 * @XVS_CMD_NIC_NEW: create a NIC on a port from a netdev (NIC_IFNAME or
 *	NIC_IFINDEX).
 * @XVS_CMD_NIC_CONNECT: connect a port's NIC.
 * @XVS_CMD_NIC_DISCONNECT: disconnect a port's NIC.
 * @XVS_CMD_NIC_DEL: delete a port's NIC (created or disconnected).
 * @XVS_CMD_NIC_GET: get one port's NIC, or dump a switch's NICs.
 * @XVS_CMD_EVENT: a lifecycle event (multicast "events" group only).
 * @XVS_CMD_FDB_ADD: add a static FDB entry (switch, FDB_MAC, port ID or
 *	NAME; FDB_VLAN optional), or make a learned one static.
 * @XVS_CMD_FDB_DEL: delete an FDB entry (switch, FDB_MAC; FDB_VLAN).
 * @XVS_CMD_FDB_GET: dump a switch's FDB (one message per entry).
 * @XVS_CMD_FDB_FLUSH: delete the learned entries of a switch (of one port
 *	with PORT_ID or PORT_NAME; static ones too with FDB_STATIC).
 * @XVS_CMD_EXT_GET: dump the installed extensions (NAME, TYPE, SWITCHES);
 *	with a switch, their state on it (ENABLED, POSITION, STATS).
 * @XVS_CMD_EXT_ENABLE: enable an extension on a switch (switch, EXT_NAME).
 * @XVS_CMD_EXT_DISABLE: disable it (switch, EXT_NAME).
 * @XVS_CMD_EXT_ORDER: reorder a switch's extensions (switch, EXT_ORDER):
 *	within each class the named ones come first, in the given order.
 * @XVS_CMD_PROP_ADD: add a custom property to a port (PORT_ID or NAME) or
 *	the switch (none): EXT_NAME (the owner), PROP_ID, PROP_INSTANCE,
 *	PROP_VERSION, PROP_DATA, PROP_REQUIRED. The owner, if enabled, may
 *	veto it; the other enabled extensions see it pass.
 * @XVS_CMD_PROP_SET: update one (EXT_NAME, PROP_ID and PROP_INSTANCE
 *	select it): PROP_VERSION required, with the stored major and a minor
 *	not lower than the stored one (-ESTALE otherwise; another major is
 *	another format: delete and add), PROP_DATA optional.
 * @XVS_CMD_PROP_DEL: delete one (EXT_NAME, PROP_ID, PROP_INSTANCE, and
 *	PROP_VERSION, the stored version exactly: -ESTALE otherwise).
 * @XVS_CMD_PROP_GET: dump the custom properties of a port or the switch.
 * @XVS_CMD_ACL_ADD: add an ACL rule to a port (ACL_DIR, ACL_ACTION, and
 *	at most one of ACL_MAC, ACL_IPV4, ACL_IPV6: none matches every
 *	frame; ACL_LOCAL; ACL_PREFIX_LEN). An equal rule may not exist.
 * @XVS_CMD_ACL_DEL: delete the rule equal to the one given, or every rule
 *	of the port (ACL_ALL).
 * @XVS_CMD_ACL_GET: dump the ACL rules of a port with their counters.
 * @XVS_CMD_STATUS_GET: dump the runtime status the enabled extensions give
 *	of a port (PORT_ID or PORT_NAME) or the switch (neither): one message
 *	per extension that has any (EXT_NAME, STATUS); EXT_NAME selects one.
 * @XVS_CMD_NIC_SAVE: save the state the extensions keep for a port's NIC
 *	(switch, PORT_ID or PORT_NAME); the reply carries one BLOB per part,
 *	in the order they were given.
 * @XVS_CMD_NIC_RESTORE: hand saved BLOBs back to their owners on a port
 *	(switch, PORT_ID or PORT_NAME, BLOB...): all or nothing; the reply
 *	names the owners of blobs nobody claimed (BLOB_UNCLAIMED).
 */
enum xvs_cmd {
	XVS_CMD_UNSPEC,
	XVS_CMD_SWITCH_NEW,
	XVS_CMD_SWITCH_DEL,
	XVS_CMD_SWITCH_GET,
	XVS_CMD_SWITCH_SET,
	XVS_CMD_PORT_NEW,
	XVS_CMD_PORT_DEL,
	XVS_CMD_PORT_GET,
	XVS_CMD_PORT_SET,
	XVS_CMD_NIC_NEW,
	XVS_CMD_NIC_CONNECT,
	XVS_CMD_NIC_DISCONNECT,
	XVS_CMD_NIC_DEL,
	XVS_CMD_NIC_GET,
	XVS_CMD_EVENT,
	XVS_CMD_FDB_ADD,
	XVS_CMD_FDB_DEL,
	XVS_CMD_FDB_GET,
	XVS_CMD_FDB_FLUSH,
	XVS_CMD_EXT_GET,
	XVS_CMD_EXT_ENABLE,
	XVS_CMD_EXT_DISABLE,
	XVS_CMD_EXT_ORDER,
	XVS_CMD_PROP_ADD,
	XVS_CMD_PROP_SET,
	XVS_CMD_PROP_DEL,
	XVS_CMD_PROP_GET,
	XVS_CMD_ACL_ADD,
	XVS_CMD_ACL_DEL,
	XVS_CMD_ACL_GET,
	XVS_CMD_STATUS_GET,
	XVS_CMD_NIC_SAVE,
	XVS_CMD_NIC_RESTORE,

	__XVS_CMD_MAX,
	XVS_CMD_MAX = __XVS_CMD_MAX - 1
};

#endif /* _UAPI_LINUX_XVS_H */
