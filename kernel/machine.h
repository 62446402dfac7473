/* machine.h: ending the run. */
#pragma once

/* Writes `code` to the isa-debug-exit port (ignored if negative), then halts
 * forever with interrupts off. */
void machine_stop(int code) __attribute__((noreturn));
