/* tcb_layout.h: offsets into struct tcb (kernel/tcb.h) for assembly, read
 * by nasm through build/gen/tcb_layout.inc; kernel/tcb.c checks each one
 * against the struct with _Static_assert. */
#pragma once

#define TCB_ID			0
#define TCB_STATE		4
#define TCB_DIRECTORY_PHYS	8
#define TCB_KERNEL_SP		12
#define TCB_PRIORITY		16
#define TCB_FLAGS		20	/* fast_blocked, resume_fast, cancel_pending, in_timeout_list */
#define TCB_PLAIN		24	/* bool: large space, no TLS, no ports */
#define TCB_IRQ_LINES		26	/* uint16_t: attached interrupt lines */
#define TCB_SEND_QUEUE		28
#define TCB_IPC_RCV_DESC	32
#define TCB_IPC_SND_DESC	36
#define TCB_IPC_PARTNER		40
#define TCB_IPC_TIMEOUTS	44
#define TCB_IPC_RESULT		48
#define TCB_EXCEPTION_HANDLER	152
#define TCB_HAS_TLS		180	/* bool */
#define TCB_LARGE		181	/* bool: a large space */
#define TCB_IO			184	/* its task's struct io_rights *, or 0 */

/* TCB_FLAGS word values */
#define TCB_FLAGS_FAST_BLOCKED	0x00000101	/* fast_blocked and resume_fast set */
#define TCB_FLAGS_CLEAR		0x00000000

#define THREAD_STATE_READY	1	/* enum thread_state */
#define THREAD_STATE_RECV_WAIT	3
#define IPC_RESULT_PENDING	0xffffffff
