import type { CodeEntry } from './types.js';
import { SOS_CODE_MAX, SOS_CODE_MIN } from './timing.js';

/**
 * Panic codes blinked after the SOS. Names follow particle-iot/device-os services/inc/panic_codes.h
 * (1–14); 15 is the secure fault of the newer ARMv8-M platforms (DESIGN.md §1). Meanings and
 * advice are ours, drawing on the hints of the seed page's "Red flash SOS" section.
 */
export const SOS_CODES: readonly CodeEntry[] = [
  {
    code: 1,
    name: 'Hard fault',
    meaning: 'The processor hit an illegal operation, most often through a bad pointer or corrupted memory.',
    advice:
      'Look for pointers used after free or never set, buffers written past their end, memory freed twice, and I2C (Wire) calls made before Wire.begin(). Boot into safe mode to flash a fixed build.',
  },
  {
    code: 2,
    name: 'Non-maskable interrupt fault',
    meaning: 'A non-maskable interrupt fired that the system could not handle; usually a hardware-level problem.',
    advice: 'Check the power supply and anything wired to the board; if it follows one firmware build, roll that build back in safe mode.',
  },
  {
    code: 3,
    name: 'Memory manager fault',
    meaning: 'Code touched memory it is not allowed to (a protected or non-existent region).',
    advice: 'Treat it like a hard fault: hunt for stray pointers, array indexes out of range and use-after-free.',
  },
  {
    code: 4,
    name: 'Bus fault',
    meaning: 'A read or write went to an address the memory bus rejected.',
    advice: 'Usually a wild pointer or a corrupted object; check casts, pointer arithmetic and buffer sizes.',
  },
  {
    code: 5,
    name: 'Usage fault',
    meaning: 'The CPU met an instruction it cannot execute, such as a divide by zero trap or an unaligned access.',
    advice: 'Check divisions, function pointers (calling through a null or stale one) and packed structures.',
  },
  {
    code: 6,
    name: 'Invalid length',
    meaning: 'A length field was out of range; raised by the cloud messaging code.',
    advice: 'Update Device OS; if it keeps happening, note what the application was sending to the cloud when it crashed.',
  },
  {
    code: 7,
    name: 'Exit',
    meaning: 'Something called abort() or _exit(); Device OS itself does not, so it came from the application or a library.',
    advice: 'Search the application and its libraries for abort()/_exit() (also failed assert() in C code) and handle that error instead.',
  },
  {
    code: 8,
    name: 'Out of heap memory',
    meaning: 'An allocation failed because the heap is exhausted or fragmented.',
    advice:
      'Recover with safe mode and flash Tinker to confirm the application is the cause; then allocate less, allocate once at startup instead of repeatedly, avoid growing String objects in loops, and look for leaks.',
  },
  {
    code: 9,
    name: 'SPI over-run',
    meaning: 'An SPI transfer lost data because it was not serviced in time.',
    advice: 'Lower the SPI clock, check DMA use and interrupt load, and make sure only one context drives the bus.',
  },
  {
    code: 10,
    name: 'Assertion failure',
    meaning: 'The system found an internal state that must never happen (so far these checks guard threads and the system thread) and stopped.',
    advice: 'Note the Device OS version and what the application does with threads; update Device OS, and report it if it persists.',
  },
  {
    code: 11,
    name: 'Invalid case',
    meaning: 'A switch reached a case the system considers impossible.',
    advice: 'Update Device OS; if it persists, report it with the version and what the device was doing.',
  },
  {
    code: 12,
    name: 'Pure virtual call',
    meaning: 'A C++ pure virtual method was called, typically on an object being constructed or already destroyed.',
    advice: 'Look for objects used after deletion and virtual calls made from constructors or destructors.',
  },
  {
    code: 13,
    name: 'Stack overflow',
    meaning: 'A thread used more stack than it has; large local variables are the usual cause.',
    advice:
      'Move big arrays and objects off the stack (make them static or global, or allocate them), and keep deep recursion out. The main loop thread has about 6 KB of stack and software timer callbacks about 1 KB.',
  },
  {
    code: 14,
    name: 'Heap error',
    meaning: 'The heap was used wrongly: memory allocated or freed from an interrupt handler, or a heap lock not obtained within 60 s.',
    advice:
      'Do not allocate or free memory in ISRs (attachInterrupt handlers, button_status/button_click handlers, SPI transaction callbacks, hardware timer callbacks); also keep Particle.* calls, Log.*, delay(), float formatting and mutex locks out of them. Set a flag in the ISR and do the work in loop().',
  },
  {
    code: 15,
    name: 'Secure fault',
    meaning: 'On the newer platforms with a secure processor mode, code violated the secure/non-secure boundary.',
    advice: 'Treat it like a hard fault (bad pointers, corrupted memory); update Device OS and report it if it follows a clean build.',
  },
];

if (SOS_CODES.length !== SOS_CODE_MAX - SOS_CODE_MIN + 1) throw new Error('SOS code table is incomplete');

export function sosCode(code: number): CodeEntry | undefined {
  return SOS_CODES.find((c) => c.code === code);
}
