/* SPDX-License-Identifier: GPL-2.0 */
/*
 * names.h - the words xvsctl uses for the values of the xvs API.
 */
#ifndef XVSCTL_NAMES_H
#define XVSCTL_NAMES_H

#include <stdint.h>

/* Name of a value, or NULL when xvsctl does not know it. */
const char *switch_type_name(uint32_t v);
const char *port_type_name(uint32_t v);
const char *state_name(uint32_t v);
const char *event_name(uint32_t v);
const char *attr_name(uint32_t v);
const char *drop_reason_name(uint32_t v);
const char *cmd_name(uint32_t v);
const char *ext_type_name(uint32_t v);

/* Value of a name, or -1. */
int switch_type_parse(const char *s);
int port_type_parse(const char *s);

/* The name, or "unknown(N)" in buf (which must hold 24 bytes). */
const char *name_or_number(const char *name, uint32_t v, char *buf);

/* Keyword lists for usage messages, e.g. "private|internal|external". */
#define SWITCH_TYPE_WORDS "private|internal|external"
#define PORT_TYPE_WORDS "vm|container|internal|external"

#endif /* XVSCTL_NAMES_H */
