// SPDX-License-Identifier: GPL-2.0
/*
 * tap-relay - serve a tap device the way QEMU serves a VM's NIC, with a
 * network namespace standing in for the VM.
 *
 *   tap-relay TAP IFNAME
 *
 * Creates the tap device TAP (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR; it exists
 * as long as tap-relay runs) and relays Ethernet frames both ways between it
 * and IFNAME, through a packet socket (AF_PACKET, SOCK_RAW, ETH_P_ALL,
 * PACKET_VNET_HDR) bound to IFNAME. Like QEMU's virtio-net, each frame
 * carries its virtio-net header: a checksum left to an offload (and a GSO
 * frame) stays one on its way, as it would from a VM's virtio NIC.
 * IFNAME is typically the root-namespace end of a veth pair whose other end,
 * with an IP address, lives in the "VM" namespace:
 *
 *   VM netns: eth0 (10.0.0.1) ==veth== vm1-host <-> tap-relay <-> tap1 -- sw0
 *
 * Frames the VM sends arrive on vm1-host and are written to the tap, which
 * hands them to whatever the tap is attached to (the switch); frames the
 * switch sends to the tap are read from it and sent out of vm1-host, to the
 * VM. Exits cleanly (0) on SIGTERM or SIGINT, printing what it relayed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/virtio_net.h>

#ifndef PACKET_IGNORE_OUTGOING
#define PACKET_IGNORE_OUTGOING 23
#endif

#ifndef PACKET_VNET_HDR
#define PACKET_VNET_HDR 15
#endif

/* a virtio_net_hdr and the largest GSO frame */
#define FRAME_MAX (sizeof(struct virtio_net_hdr) + 65536 + ETH_HLEN)

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int tap_open(const char *name)
{
	struct ifreq ifr;
	int fd;

	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("tap-relay: /dev/net/tun");
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI | IFF_VNET_HDR;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		fprintf(stderr, "tap-relay: creating tap %s: %s\n", name,
			strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int packet_open(const char *ifname)
{
	struct sockaddr_ll sll;
	unsigned int ifindex;
	int one = 1;
	int fd;

	ifindex = if_nametoindex(ifname);
	if (!ifindex) {
		fprintf(stderr, "tap-relay: %s: %s\n", ifname, strerror(errno));
		return -1;
	}
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (fd < 0) {
		perror("tap-relay: packet socket");
		return -1;
	}
	/* What we send out of ifname must not come back to us. */
	(void)setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
	/* Frames with their virtio-net header, as the tap's. */
	if (setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof(one)) < 0) {
		perror("tap-relay: PACKET_VNET_HDR");
		close(fd);
		return -1;
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		fprintf(stderr, "tap-relay: binding to %s: %s\n", ifname,
			strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	unsigned long long to_tap = 0, from_tap = 0;
	struct sigaction sa = { .sa_handler = on_signal };
	static unsigned char buf[FRAME_MAX];
	struct pollfd pfd[2];
	int tap, pkt, ret = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: tap-relay TAP IFNAME\n");
		return 2;
	}
	/* No SA_RESTART: a signal ends poll() with EINTR. */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	tap = tap_open(argv[1]);
	if (tap < 0)
		return 1;
	pkt = packet_open(argv[2]);
	if (pkt < 0) {
		close(tap);
		return 1;
	}
	fprintf(stderr, "tap-relay: relaying %s <-> %s\n", argv[1], argv[2]);

	pfd[0].fd = tap;
	pfd[0].events = POLLIN;
	pfd[1].fd = pkt;
	pfd[1].events = POLLIN;
	while (!stop) {
		ssize_t n;

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("tap-relay: poll");
			ret = 1;
			break;
		}
		if (pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL)) {
			fprintf(stderr, "tap-relay: tap %s went away\n", argv[1]);
			ret = 1;
			break;
		}
		if (pfd[1].revents & (POLLERR | POLLHUP | POLLNVAL)) {
			fprintf(stderr, "tap-relay: %s went away\n", argv[2]);
			ret = 1;
			break;
		}
		if (pfd[0].revents & POLLIN) {
			/* From the switch, through the tap, to the VM. */
			n = read(tap, buf, sizeof(buf));
			if (n > 0 && send(pkt, buf, n, 0) == n)
				from_tap++;
			else if (n < 0 && errno != EAGAIN && errno != EINTR)
				perror("tap-relay: reading the tap");
		}
		if (pfd[1].revents & POLLIN) {
			/* From the VM to the tap, that is to the switch. */
			struct sockaddr_ll from;
			socklen_t len = sizeof(from);

			n = recvfrom(pkt, buf, sizeof(buf), 0,
				     (struct sockaddr *)&from, &len);
			if (n > 0 && from.sll_pkttype != PACKET_OUTGOING &&
			    write(tap, buf, n) == n)
				to_tap++;
			else if (n < 0 && errno != EAGAIN && errno != EINTR)
				perror("tap-relay: reading the packet socket");
		}
	}
	fprintf(stderr, "tap-relay: %s: %llu frames to the tap, %llu from it\n",
		argv[1], to_tap, from_tap);
	close(pkt);
	close(tap);
	return ret;
}
