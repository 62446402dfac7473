/* CPU exceptions raised on purpose in kernel mode are caught with the right
 * vector, error code, faulting address and instruction pointer. The
 * instruction's address is taken from a label next to it, not from the trap. */
#include <tessera/ktap.h>
#include "x86/gdt.h"
#include "x86/trap.h"

#define UNMAPPED_USER_ADDRESS 0x00400123	/* nothing is mapped below 3 GB */
#define PF_WRITE 0x2				/* error code bit: write access */

static volatile uint32_t fault_eip;	/* where the faulting instruction is */

KTAP_CASE(trap, divide_error)
{
	struct trap_catch c;
	volatile uint32_t zero = 0, result = 0;

	if (trap_try(&c)) {
		__asm__ volatile("movl $1f, %1\n1:\tdivl %2"
				 : "+a"(result), "=m"(fault_eip) : "m"(zero) : "edx");
		trap_end(&c);
		EXPECT(!"divl by zero returned");
		return;
	}
	EXPECT_EQ(c.vector, 0);
	EXPECT_EQ(c.error, 0);
	EXPECT_EQ(c.eip, fault_eip);
}

KTAP_CASE(trap, invalid_opcode)
{
	struct trap_catch c;

	if (trap_try(&c)) {
		__asm__ volatile("movl $1f, %0\n1:\tud2" : "=m"(fault_eip));
		trap_end(&c);
		EXPECT(!"ud2 returned");
		return;
	}
	EXPECT_EQ(c.vector, 6);
	EXPECT_EQ(c.eip, fault_eip);
}

/* A selector beyond the GDT limit: #GP with the selector as error code. */
KTAP_CASE(trap, general_protection)
{
	struct trap_catch c;
	uint16_t selector = SELECTOR(GDT_ENTRIES + 4, 0);

	if (trap_try(&c)) {
		__asm__ volatile("movl $1f, %0\n1:\tmov %1, %%fs" : "=m"(fault_eip) : "r"(selector));
		trap_end(&c);
		EXPECT(!"loading a selector beyond the GDT returned");
		return;
	}
	EXPECT_EQ(c.vector, 13);
	EXPECT_EQ(c.error, selector);
	EXPECT_EQ(c.eip, fault_eip);
}

KTAP_CASE(trap, page_fault_read)
{
	struct trap_catch c;
	uint32_t value;

	if (trap_try(&c)) {
		__asm__ volatile("movl $1f, %0\n1:\tmovl (%2), %1"
				 : "=m"(fault_eip), "=r"(value) : "r"(UNMAPPED_USER_ADDRESS));
		trap_end(&c);
		EXPECT(!"read of an unmapped page returned");
		return;
	}
	EXPECT_EQ(c.vector, 14);
	EXPECT_EQ(c.error, 0);		/* not present, read, supervisor */
	EXPECT_EQ(c.cr2, UNMAPPED_USER_ADDRESS);
	EXPECT_EQ(c.eip, fault_eip);
}

KTAP_CASE(trap, page_fault_write)
{
	struct trap_catch c;

	if (trap_try(&c)) {
		__asm__ volatile("movl $1f, %0\n1:\tmovl $7, (%1)"
				 : "=m"(fault_eip) : "r"(UNMAPPED_USER_ADDRESS + 8) : "memory");
		trap_end(&c);
		EXPECT(!"write to an unmapped page returned");
		return;
	}
	EXPECT_EQ(c.vector, 14);
	EXPECT_EQ(c.error, PF_WRITE);
	EXPECT_EQ(c.cr2, UNMAPPED_USER_ADDRESS + 8);
	EXPECT_EQ(c.eip, fault_eip);
}

/* int3 is a trap: the saved eip is the instruction after it. */
KTAP_CASE(trap, breakpoint)
{
	struct trap_catch c;

	if (trap_try(&c)) {
		__asm__ volatile("movl $1f, %0\n\tint3\n1:" : "=m"(fault_eip));
		trap_end(&c);
		EXPECT(!"int3 returned");
		return;
	}
	EXPECT_EQ(c.vector, 3);
	EXPECT_EQ(c.eip, fault_eip);
}

/* A caught fault leaves the kernel able to take the next one. */
KTAP_CASE(trap, catch_points_nest)
{
	struct trap_catch outer, inner;
	volatile int inner_caught = 0;	/* survives the jump back */

	if (trap_try(&outer)) {
		if (trap_try(&inner)) {
			__asm__ volatile("ud2");
			trap_end(&inner);
		} else {
			inner_caught = 1;
		}
		__asm__ volatile("movl (%0), %%eax" : : "r"(UNMAPPED_USER_ADDRESS) : "eax");
		trap_end(&outer);
		EXPECT(!"second fault returned");
		return;
	}
	EXPECT(inner_caught);
	EXPECT_EQ(outer.vector, 14);
}
