/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_DATAPATH_H
#define _XVS_DATAPATH_H

#include <linux/netdevice.h>

rx_handler_result_t xvs_handle_frame(struct sk_buff **pskb);
netdev_tx_t xvs_host_xmit(struct sk_buff *skb, struct net_device *dev);
int xvs_datapath_init(void);
void xvs_datapath_exit(void);

#endif /* _XVS_DATAPATH_H */
