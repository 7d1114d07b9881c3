/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _XVS_EVENTS_H
#define _XVS_EVENTS_H

#include <linux/xvs.h>

struct xvs_port;
struct xvs_switch;

void xvs_event_port(struct xvs_port *port, enum xvs_event event,
		    enum xvs_conn_state old_state);
void xvs_event_switch(struct xvs_switch *sw, enum xvs_event event);
void xvs_event_ext(struct xvs_switch *sw, enum xvs_event event,
		   const char *name, int position);
void xvs_events_enable(bool on);

#endif /* _XVS_EVENTS_H */
