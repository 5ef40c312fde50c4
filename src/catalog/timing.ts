/**
 * Every number of LED timing the catalog uses, in one place. Mode entries reference these names;
 * nothing else in src/catalog writes a duration literal. Sources are files of
 * particle-iot/device-os (release 6.x), particle-iot/tracker-edge, and the docs page's animation
 * script (particle-iot/docs src/assets/js/device-animation.js, which draws the seed page).
 */

// ---- LED service (Device OS) ----

/** The LED service advances every 25 ms, so system patterns are quantised to it.
 *  device-os system/src/main.cpp, HAL_SysTick_Handler: `LED_UPDATE_INTERVAL = 25`. */
export const LED_UPDATE_INTERVAL_MS = 25;

/** Global brightness out of 255. device-os services/inc/rgbled.h, DEFAULT_LED_RGB_BRIGHTNESS. */
export const DEFAULT_BRIGHTNESS = 96;

/** Blink periods (50% duty, starts ON). device-os system/src/system_led_signal.cpp, PatternPeriod
 *  BLINK_SLOW / BLINK_NORMAL / BLINK_FAST. */
export const BLINK_PERIOD_MS = { slow: 500, normal: 200, fast: 100 } as const;

/** Breathe (fade) periods; the fade is a linear triangle, full → zero at P/2 → full.
 *  device-os system/src/system_led_signal.cpp, PatternPeriod FADE_SLOW / FADE_NORMAL / FADE_FAST. */
export const BREATHE_PERIOD_MS = { slow: 8000, normal: 4000, fast: 1000 } as const;

export type Speed = keyof typeof BLINK_PERIOD_MS;

/** A saved theme stores each period in 50 ms units in one byte.
 *  device-os system/src/system_led_signal.cpp, serializeTheme (`period / 50`). */
export const THEME_PERIOD_UNIT_MS = 50;
export const THEME_PERIOD_MAX_MS = 255 * THEME_PERIOD_UNIT_MS;

// ---- SOS (panic) ----
// device-os services/src/panic.c, panic_internal(): three groups, then the code, all twice.

export const SOS_SHORT_ON_MS = 150;
export const SOS_LONG_ON_MS = 300;
export const SOS_OFF_MS = 100;
/** Pause after the first and the second group of three. */
export const SOS_GROUP_PAUSE_MS = 100;
/** Pause after the third group, before the code blinks. */
export const SOS_PRE_CODE_PAUSE_MS = 900;
export const SOS_CODE_ON_MS = 300;
export const SOS_CODE_OFF_MS = 300;
/** Pause after the code blinks. */
export const SOS_POST_CODE_PAUSE_MS = 800;
/** The whole SOS+code plays this many times, then the device resets. */
export const SOS_REPEATS = 2;
export const SOS_BLINKS_PER_GROUP = 3;
/** Panic codes the firmware defines. device-os services/inc/panic_codes.h (1–14); 15 (secure
 *  fault) exists on the newer ARMv8-M platforms (DESIGN.md §1). */
export const SOS_CODE_MIN = 1;
export const SOS_CODE_MAX = 15;

// ---- Cloud connection errors ----
// device-os system/src/system_task.cpp.

/** LEDCloudErrorStatus: N blinks, 250 ms on / 250 ms off (N = Spark_Error_Count: 2 = internet
 *  test failed, 3 = internet fine but cloud unreachable). */
export const CLOUD_ERROR_ON_MS = 250;
export const CLOUD_ERROR_OFF_MS = 250;
/** handle_cloud_connection(): a failed handshake holds a solid colour for ~250 ms (busy wait). */
export const HANDSHAKE_ERROR_HOLD_MS = 250;
/** How long we draw the blinking cyan that precedes a cloud error. Not a firmware constant: the
 *  connect attempt takes as long as the network does; two seconds is a representative intro. */
export const CLOUD_ERROR_INTRO_MS = 2000;

// ---- Signal strength (Boron, B SoM, Tracker) ----
// device-os system/src/main.cpp, LEDCounterStatus / system_display_rssi().

export const SIGNAL_DELAY_MS = 750; // dim green before the first bar and after the last
export const SIGNAL_BAR_ON_MS = 50; // bright green per bar
export const SIGNAL_BAR_OFF_MS = 350; // dim green between bars
/** bars = round(strength% / 20), so 0–5. */
export const SIGNAL_PERCENT_PER_BAR = 20;
export const SIGNAL_BARS_MAX = 5;

// ---- Rainbow (signal / nyan) ----

/** Each rainbow colour holds 100 ms (DESIGN.md §1; the docs page animates 100 ms steps too). */
export const RAINBOW_STEP_MS = 100;

// ---- Bootloader ----
// device-os bootloader/src/main.c, Timing_Decrement(): the 1 ms tick reloads TimingLED with 50 or
// 100 and toggles when it runs out, so one state lasts 51 or 101 ms.

/** Fast toggle: firmware restore / factory reset / applying an update at boot. */
export const BOOTLOADER_FAST_TOGGLE_MS = 51;
/** Slow toggle: safe-mode entry and DFU. */
export const BOOTLOADER_SLOW_TOGGLE_MS = 101;
/** Button hold thresholds in the bootloader (TIMING_SAFE_MODE, TIMING_DFU_MODE,
 *  TIMING_RESTORE_MODE, TIMING_RESET_MODE). */
export const BUTTON_HOLD_SAFE_MODE_MS = 1000;
export const BUTTON_HOLD_DFU_MS = 3000;
export const BUTTON_HOLD_RESTORE_MS = 6500;
export const BUTTON_HOLD_RESET_MS = 10000;
/** How long we draw a bootloader indication that lasts "until the button is released" or "until
 *  the flash copy finishes": a representative length, not a firmware constant. */
export const BOOTLOADER_INDICATION_MS = 2040; // 20 fast toggle pairs

// ---- Firmware update (OTA) ----

/** During a download the system toggles the LED as chunks are saved, so the toggle interval is
 *  the chunk arrival interval. These bounds are our assumption for a working link, not firmware
 *  constants: the toggles never come faster than the LED tick, and a stall over half a second
 *  reads as a pause, not as the OTA flicker. */
export const OTA_TOGGLE_MIN_MS = LED_UPDATE_INTERVAL_MS;
export const OTA_TOGGLE_MAX_MS = 500;
/** One drawn stretch of OTA flicker (the pattern loops it). */
export const OTA_SEGMENT_MS = 1000;

// ---- Boot / power ----

/** After a reset the LED shows white until the system starts its LED service. Roughly half a
 *  second; the docs page's power-issue animation uses 500 ms. */
export const BOOT_WHITE_MS = 500;
/** Green blinks between brown-out reboots in the power-issue loop (docs page: 10). The real
 *  count depends on how long the supply holds up. */
export const POWER_ISSUE_BLINKS = 10;

/** Network (credentials) reset: fast blinking blue. We draw it with the LED service's fast blink
 *  for about two seconds; the exact length of the indication is not pinned down. */
export const NETWORK_RESET_BLINKS = 20;

// ---- Tracker LED scheme ----
// tracker-edge src/tracker_rgb.cpp.

export const TRACKER_BRIGHTNESS = 255; // RGB.brightness(255)
export const TRACKER_NO_CELL_BREATHE_MS = 500; // RGB_CONTROL_FAST_FADE_PERIOD_MS
export const TRACKER_CLOUD_BREATHE_MS = 1000; // RGB_CONTROL_SLOW_FADE_PERIOD_MS
export const TRACKER_STRENGTH_GOOD_PERCENT = 70; // RGB_CONTROL_CELL_STRENGTH_GOOD: yellow below, green at or above
export const TRACKER_UPDATE_MS = 250; // RGB_CONTROL_TIMER_PERIOD_MS

// ---- The docs page's animations (where they differ from the firmware) ----
// particle-iot/docs src/assets/js/device-animation.js draws the seed page's {{device-animation}}.

/** `blink` with no durations: 100 ms on, 100 ms off (blinkOnce defaults). */
export const DOCS_BLINK_MS = 100;
/** `breathe` ramps up over its duration (2000 ms default, sine ease-out) and back down, so one
 *  breath is a half-sine starting dark lasting twice the duration. */
export const DOCS_BREATHE_DURATION_MS = 2000;
export const DOCS_BREATHE_PERIOD_MS = 2 * DOCS_BREATHE_DURATION_MS;
/** Listening mode is drawn `blink blue 300 300`. */
export const DOCS_LISTENING_MS = 300;
/** Cloud/handshake error blinks as DESIGN.md §1 describes the docs' animation (200/200). */
export const DOCS_ERROR_BLINK_MS = 200;
/** The docs' SOS plays SOS, code, SOS, then pauses 3 × 900 ms and loops forever. */
export const DOCS_SOS_LOOP_PAUSE_MS = 3 * SOS_PRE_CODE_PAUSE_MS;
/** Docs signal-strength animation: 1000 ms dim, bars of 200 ms bright / 300 ms dim, 2000 ms off. */
export const DOCS_SIGNAL_LEAD_MS = 1000;
export const DOCS_SIGNAL_BAR_ON_MS = 200;
export const DOCS_SIGNAL_BAR_OFF_MS = 300;
export const DOCS_SIGNAL_TAIL_OFF_MS = 2000;
/** Docs soft power off: breathe cyan twice, white 2000 ms, off 4000 ms. */
export const DOCS_SOFT_OFF_WHITE_MS = 2000;
export const DOCS_SOFT_OFF_DARK_MS = 4000;
/** Docs fast blinks (network reset, firmware restore, factory reset) are `50ms 50ms`. */
export const DOCS_FAST_BLINK_MS = 50;
/** Docs Tracker animations: `breathe red 500ms`, `breathe yellow|green 1000ms` (durations; the
 *  drawn period is twice that, see DOCS_BREATHE_PERIOD_MS). */
export const DOCS_TRACKER_NO_CELL_DURATION_MS = 500;
export const DOCS_TRACKER_CLOUD_DURATION_MS = 1000;

/** Period of a theme speed for a pattern. */
export function speedPeriodMs(pattern: 'blink' | 'breathe', speed: Speed): number {
  return pattern === 'blink' ? BLINK_PERIOD_MS[speed] : BREATHE_PERIOD_MS[speed];
}

// ---- Matching tolerances ----
// How far a measured duration may stray from the catalog's, as a fraction and an absolute floor.
// The floor covers the 25 ms LED tick plus about one frame of a 30 fps camera; the matcher widens
// it further for slower cameras.

export const TOLERANCE = {
  blink: { fraction: 0.25, minMs: 40 },
  breathe: { fraction: 0.3, minMs: 300 },
  sos: { fraction: 0.3, minMs: 50 },
  coded: { fraction: 0.3, minMs: 50 },
  solid: { fraction: 0.5, minMs: 100 },
  irregular: { fraction: 1, minMs: 50 },
} as const;
