// SPDX-License-Identifier: GPL-2.0
/*
 * VLANs on ports. Inside the switch a frame belongs to one VLAN, 0 being
 * the untagged domain of VLAN-unaware ports. An access or trunk port takes
 * the 802.1Q tag off a frame it sends (the frame's VLAN is then the
 * switch's business) and a trunk puts one back on the frames it gets,
 * outside the data (skb->vlan_tci): every copy of a flooded frame carries
 * its own tag without touching the shared data. A VLAN-unaware port's
 * frames keep whatever tag they carry.
 */

#include <linux/if_vlan.h>
#include <linux/netlink.h>
#include <linux/skbuff.h>

#include "policy.h"

/**
 * xvs_vlan_member() - may a port send and receive a VLAN's frames?
 * @pol: the port's policies, NULL for the defaults
 * @vid: the VLAN (0: the untagged domain)
 *
 * Context: RCU or RTNL.
 * Return: true when it may.
 */
bool xvs_vlan_member(const struct xvs_port_policy *pol, u16 vid)
{
	if (!pol)
		return !vid;
	switch (pol->vlan_mode) {
	case XVS_VLAN_ACCESS:
		return vid == pol->vlan_id;
	case XVS_VLAN_TRUNK:
		return vid == pol->native_vid || test_bit(vid, pol->trunk);
	default:
		return !vid;
	}
}
EXPORT_SYMBOL_NS_GPL(xvs_vlan_member, XVS_INTERNAL);

/**
 * xvs_vlan_tagged_out() - does a VLAN's frame leave a port tagged?
 * @pol: the port's policies, NULL for the defaults
 * @vid: the frame's VLAN, one the port is a member of
 *
 * Context: RCU.
 * Return: true on a trunk for any VLAN but its native one.
 */
bool xvs_vlan_tagged_out(const struct xvs_port_policy *pol, u16 vid)
{
	return pol && pol->vlan_mode == XVS_VLAN_TRUNK &&
	       vid != pol->native_vid;
}
EXPORT_SYMBOL_NS_GPL(xvs_vlan_tagged_out, XVS_INTERNAL);

/**
 * xvs_vlan_classify() - the VLAN of a frame a port sends
 * @pol: the port's policies, NULL for the defaults
 * @skb: the frame, @skb->data at its Ethernet header
 * @vid: set to the frame's VLAN
 *
 * On an access or trunk port the tag (in the data or not) is taken off; a
 * priority tag (VLAN 0) counts as no tag.
 *
 * Context: the data path.
 * Return: 0, -EPERM when the port may not send the frame (a tagged frame
 * on an access port, a VLAN a trunk does not carry, an 802.1ad tag, a tag
 * cut short), -ENOMEM when the tag could not be taken out of the data.
 */
int xvs_vlan_classify(const struct xvs_port_policy *pol, struct sk_buff *skb,
		      u16 *vid)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;
	u16 tci = 0;

	*vid = 0;
	if (!pol || pol->vlan_mode == XVS_VLAN_NONE)
		return 0;

	if (skb_vlan_tag_present(skb)) {
		if (skb->vlan_proto != htons(ETH_P_8021Q))
			return -EPERM;
		tci = skb_vlan_tag_get(skb);
		__vlan_hwaccel_clear_tag(skb);
	} else if (eth_type_vlan(eth->h_proto)) {
		/* As beside the data: no 802.1ad tags; nor half a tag. */
		if (eth->h_proto != htons(ETH_P_8021Q) ||
		    skb->len < VLAN_ETH_HLEN)
			return -EPERM;
		skb->protocol = eth->h_proto;
		if (__skb_vlan_pop(skb, &tci))
			return -ENOMEM;
	}
	tci &= VLAN_VID_MASK;

	if (pol->vlan_mode == XVS_VLAN_ACCESS) {
		if (tci)
			return -EPERM;
		*vid = pol->vlan_id;
		return 0;
	}
	if (!tci) {
		*vid = pol->native_vid;
		return 0;
	}
	if (!test_bit(tci, pol->trunk))
		return -EPERM;
	*vid = tci;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_vlan_classify, XVS_INTERNAL);

/**
 * xvs_vlan_check_trunk() - is a trunk's allowed list valid?
 * @trunk: the allowed VLANs
 * @extack: where to say why not
 *
 * Context: any.
 * Return: 0, or -EINVAL when it holds VLAN 0 or 4095 or is empty.
 */
int xvs_vlan_check_trunk(const unsigned long *trunk,
			 struct netlink_ext_ack *extack)
{
	if (test_bit(0, trunk) || test_bit(VLAN_N_VID - 1, trunk)) {
		NL_SET_ERR_MSG(extack,
			       "A trunk may not carry VLAN 0 or 4095 (allowed VLANs are 1-4094)");
		return -EINVAL;
	}
	if (bitmap_empty(trunk, VLAN_N_VID)) {
		NL_SET_ERR_MSG(extack, "A trunk needs at least one allowed VLAN");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(xvs_vlan_check_trunk, XVS_INTERNAL);
