/* cpu.h: what the processor can do, read once from CPUID at boot.
 * Nothing uses PSE, TSC or any later feature without checking here first. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

/* CPUID leaf 1, EDX bits. */
#define CPUID_FPU	(1u << 0)
#define CPUID_PSE	(1u << 3)
#define CPUID_TSC	(1u << 4)
#define CPUID_PGE	(1u << 13)
#define CPUID_CMOV	(1u << 15)
#define CPUID_SEP	(1u << 11)

struct cpu_info {
	bool has_cpuid;		/* EFLAGS.ID can be toggled */
	char vendor[13];
	uint32_t family, model, stepping;
	uint32_t features;	/* CPUID.1:EDX, 0 without CPUID */
};

extern struct cpu_info cpu;

void cpu_identify(void);

static inline bool cpu_has(uint32_t feature)
{
	return (cpu.features & feature) != 0;
}

static inline uint64_t rdtsc(void)
{
	uint64_t v;

	__asm__ volatile("rdtsc" : "=A"(v));
	return v;
}
