/* CPU identification. A 486 without CPUID boots with no optional feature. */
#include "x86/cpu.h"
#include "printk.h"
#include <libc/string.h>

#define EFLAGS_ID (1u << 21)

struct cpu_info cpu;

static bool eflags_id_toggles(void)
{
	uint32_t before, after;

	__asm__ volatile("pushfl; pop %0; mov %0, %1; xor %2, %1; push %1; popfl;"
			 "pushfl; pop %1; push %0; popfl"
			 : "=&r"(before), "=&r"(after) : "i"(EFLAGS_ID));
	return ((before ^ after) & EFLAGS_ID) != 0;
}

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(0));
}

void cpu_identify(void)
{
	uint32_t max, a, b, c, d;

	cpu.has_cpuid = eflags_id_toggles();
	if (!cpu.has_cpuid) {
		strlcpy(cpu.vendor, "unknown", sizeof(cpu.vendor));
		printk("cpu: no CPUID; running without PSE and TSC\n");
		return;
	}
	cpuid(0, &max, &b, &c, &d);
	memcpy(cpu.vendor, &b, 4);
	memcpy(cpu.vendor + 4, &d, 4);
	memcpy(cpu.vendor + 8, &c, 4);
	if (max >= 1) {
		cpuid(1, &a, &b, &c, &d);
		cpu.stepping = a & 0xf;
		cpu.model = (a >> 4) & 0xf;
		cpu.family = (a >> 8) & 0xf;
		cpu.features = d;
	}
	printk("cpu: %s family %u model %u stepping %u; fpu %s pse %s tsc %s pge %s cmov %s\n",
	       cpu.vendor, cpu.family, cpu.model, cpu.stepping,
	       cpu_has(CPUID_FPU) ? "yes" : "no", cpu_has(CPUID_PSE) ? "yes" : "no",
	       cpu_has(CPUID_TSC) ? "yes" : "no", cpu_has(CPUID_PGE) ? "yes" : "no",
	       cpu_has(CPUID_CMOV) ? "yes" : "no");
}
