// SPDX-License-Identifier: GPL-2.0
/*
 * The host's TSC frequency in kHz, measured against CLOCK_MONOTONIC_RAW
 * over 200 ms. Under TCG without -icount a guest's TSC is the host's TSC,
 * and a guest booted with acpi=off (no HPET, no PM timer) cannot calibrate
 * it (it once found 282 MHz on a 2445 MHz host, and every time it measured
 * was 9 times too long): make bench gives it this figure (tsc_early_khz=).
 */
#include <stdio.h>
#include <stdint.h>
#include <time.h>
#include <x86intrin.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	struct timespec pause = { 0, 200 * 1000 * 1000 };
	double t0, t1;
	uint64_t c0, c1;

	t0 = now();
	c0 = __rdtsc();
	nanosleep(&pause, NULL);
	t1 = now();
	c1 = __rdtsc();
	printf("%.0f\n", (c1 - c0) / (t1 - t0) / 1000);
	return 0;
}
