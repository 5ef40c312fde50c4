import { COLOR, DIM_GREEN, DOCS_DIM_GREEN, POWER_OFF_GREY, RAINBOW_DOCS, RAINBOW_FIRMWARE } from './colors.js';
import { devicesWith } from './devices.js';
import { SIGNAL_BAR_CODES } from './signal-bars.js';
import { SOS_CODES } from './sos-codes.js';
import * as T from './timing.js';
import {
  COLOR_NAMES,
  DEVICE_IDS,
  type BreatheWaveform,
  type ColorSpec,
  type Count,
  type DeviceId,
  type LedSignalName,
  type ModeEntry,
  type Pattern,
  type PatternVariant,
  type Source,
  type Step,
} from './types.js';

/*
 * The mode catalog: one entry per contract mode id (DESIGN.md §3) except `unknown`. Meanings and
 * advice are written in our own words from the seed page; timings come from ./timing.ts only.
 * Variants: the firmware's first (what devices really do), then the docs page's animation where
 * it differs, so the matcher can accept both.
 */

// ---- step and pattern builders ----

function blink(color: ColorSpec, onMs: number, offMs: number, count: Count = 1, signal?: LedSignalName): Step {
  return signal ? { kind: 'blink', color, onMs, offMs, count, signal } : { kind: 'blink', color, onMs, offMs, count };
}

function dimBlink(color: ColorSpec, offColor: ColorSpec, onMs: number, offMs: number, count: Count): Step {
  return { kind: 'blink', color, offColor, onMs, offMs, count };
}

function breathe(color: ColorSpec, periodMs: number, waveform: BreatheWaveform, count: Count = 1, signal?: LedSignalName): Step {
  return signal
    ? { kind: 'breathe', color, periodMs, waveform, count, signal }
    : { kind: 'breathe', color, periodMs, waveform, count };
}

function solid(color: ColorSpec, durationMs: number, signal?: LedSignalName): Step {
  return signal ? { kind: 'solid', color, durationMs, signal } : { kind: 'solid', color, durationMs };
}

function off(durationMs: number): Step {
  return { kind: 'off', durationMs };
}

/** A system LED-service blink at a theme speed (50% duty). */
function signalBlink(color: ColorSpec, periodMs: number, signal: LedSignalName, count: Count = 1): Step {
  return blink(color, periodMs / 2, periodMs / 2, count, signal);
}

const forever = (...loop: Step[]): Pattern => ({ loop, repeat: Infinity });
const once = (...loop: Step[]): Pattern => ({ loop, repeat: 1 });
const hold = (step: Step): Pattern => ({ loop: [step], repeat: 1, then: 'hold' });

function v(id: string, pattern: Pattern, source: Source, devices?: DeviceId[]): PatternVariant {
  return devices ? { id, pattern, source, devices } : { id, pattern, source };
}

// ---- sources ----

const OS = 'particle-iot/device-os';
const SRC = {
  theme: { ref: `${OS} system/src/system_led_signal.cpp`, note: 'default LED theme' },
  bootloader: { ref: `${OS} bootloader/src/main.c`, note: 'Timing_Decrement() toggles' },
  panic: { ref: `${OS} services/src/panic.c` },
  cloudErrors: { ref: `${OS} system/src/system_task.cpp`, note: 'LEDCloudErrorStatus / handle_cloud_errors()' },
  handshake: { ref: `${OS} system/src/system_task.cpp`, note: 'handle_cloud_connection(): ~250 ms solid colour' },
  signalBars: { ref: `${OS} system/src/main.cpp`, note: 'LEDCounterStatus / system_display_rssi()' },
  ota: { ref: `${OS} system firmware update`, note: 'LED toggled per chunk saved (DESIGN.md §1); toggle bounds assumed' },
  rainbow: { ref: 'DESIGN.md §1', note: 'signal / nyan rainbow' },
  tracker: { ref: 'particle-iot/tracker-edge src/tracker_rgb.cpp' },
  docs: { ref: 'seed: status-led-and-device-modes.md', note: 'docs page animation (particle-iot/docs device-animation.js)' },
  docsDesign: { ref: 'DESIGN.md §1', note: 'docs page animation as DESIGN describes it; the seed page does not animate this' },
  assumed: { ref: 'DESIGN.md §1', note: 'shape from the page; length not pinned to a firmware constant' },
} satisfies Record<string, Source>;

// ---- device sets (our reading of the page's conditionals, see ./devices.ts) ----

const ALL: DeviceId[] = [...DEVICE_IDS];
const GEN3_ABX = devicesWith('gen3-argon-boron-xenon');
const CELLULAR = devicesWith('cellular');

function cellularText(text: string): Partial<Record<DeviceId, string>> {
  return Object.fromEntries(CELLULAR.map((d) => [d, text]));
}

// ---- shared text ----

const KEYS_ADVICE =
  'Usually a key problem. Note the device ID (`particle identify` in listening mode), put the device in DFU mode (hold RESET and MODE, let go of RESET, keep MODE until it blinks yellow) and run `particle keys server`, then `particle keys doctor <device id>`. keys doctor needs OpenSSL on the PATH; install it if the CLI says openssl is not recognised.';

const CELLULAR_CHECKLIST =
  'Allow at least 10 minutes. If it never gets further: make sure the SIM is activated in the Particle console and the account is not paused (billing); check the model is meant for your region (the North-America-only LTE models such as BRN404X, ONE404, ELC402 will not register elsewhere, and EMEAA models such as B524 or ONE524 will not in North America); 2G/3G models may have lost service to network shutdowns; check the carrier list for a supported carrier at your location; check the antenna is attached, the right kind and undamaged, and try moving it or a larger external one.';

const WIFI_CHECKLIST =
  'The radio only works on 2.4 GHz, so a 5 GHz-only network cannot be joined; networks behind a captive portal (hotel or public sign-in pages) are not usable directly; WEP routers are best upgraded. Fast blinking green means it is waiting for an address: the DHCP pool may be exhausted (common in classrooms and hackathons) or the network uses static addresses only (then flash a program over USB that sets the IP). If the network only admits known MAC addresses, read it with `particle serial mac` in listening mode and give it to the administrator.';

const SAFE_MODE_STEPS =
  'hold RESET and MODE, let go of RESET, keep holding MODE until the LED blinks magenta, then release (or run `particle usb safe-mode`)';

// ---- the catalog ----

const cyan = COLOR.cyan;

// ---- cloud errors: blinking cyan, then the error's colour ----

/** The blinking cyan before a cloud error: the connecting speed, or the fast handshake speed. */
function cloudIntro(speed: 'normal' | 'fast'): Step[] {
  const periodMs = T.BLINK_PERIOD_MS[speed];
  return [signalBlink(cyan, periodMs, speed === 'fast' ? 'cloud-handshake' : 'cloud-connecting', T.CLOUD_ERROR_INTRO_MS / periodMs)];
}

function cloudErrorPattern(color: ColorSpec, blinks: number, onMs: number, offMs: number): Pattern {
  return { intro: cloudIntro('normal'), loop: [blink(color, onMs, offMs, blinks)], repeat: 1 };
}

/** N orange blinks after blinking cyan: the firmware's 250/250 ms and the docs page's 200/200 ms. */
function cloudErrorVariants(blinks: number): PatternVariant[] {
  return [
    v('firmware', cloudErrorPattern(COLOR.orange, blinks, T.CLOUD_ERROR_ON_MS, T.CLOUD_ERROR_OFF_MS), SRC.cloudErrors),
    v('docs', cloudErrorPattern(COLOR.orange, blinks, T.DOCS_ERROR_BLINK_MS, T.DOCS_ERROR_BLINK_MS), SRC.docsDesign),
  ];
}

/** A failed handshake: fast cyan, then the colour held ~250 ms (firmware); the docs page blinks it once. */
function handshakeVariants(color: ColorSpec): PatternVariant[] {
  return [
    v('firmware', { intro: cloudIntro('fast'), loop: [solid(color, T.HANDSHAKE_ERROR_HOLD_MS)], repeat: 1 }, SRC.handshake),
    v('docs', cloudErrorPattern(color, 1, T.DOCS_ERROR_BLINK_MS, T.DOCS_ERROR_BLINK_MS), SRC.docsDesign),
  ];
}
const green = COLOR.green;

export const MODES: readonly ModeEntry[] = [
  // ================= standard modes =================
  {
    id: 'connected',
    name: 'Breathing cyan',
    seedHeadings: ['Connected'],
    colors: ['cyan'],
    family: 'breathe',
    variants: [
      v('firmware', forever(breathe(cyan, T.BREATHE_PERIOD_MS.normal, 'triangle', 1, 'cloud-connected')), SRC.theme),
      v('docs', forever(breathe(cyan, T.DOCS_BREATHE_PERIOD_MS, 'half-sine')), SRC.docs),
    ],
    tolerance: T.TOLERANCE.breathe,
    devices: ALL,
    meaning: { default: 'Online: connected to the Particle cloud and working normally. Functions, variables and over-the-air flashing are available.' },
    advice: { default: 'Nothing to fix.' },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'ota-update',
    name: 'Blinking magenta',
    seedHeadings: ['OTA Firmware update'],
    colors: ['magenta'],
    family: 'blink',
    variants: [
      v(
        'firmware',
        forever({
          kind: 'irregular-blink',
          color: COLOR.magenta,
          minToggleMs: T.OTA_TOGGLE_MIN_MS,
          maxToggleMs: T.OTA_TOGGLE_MAX_MS,
          durationMs: T.OTA_SEGMENT_MS,
          signal: 'firmware-update',
        }),
        SRC.ota,
      ),
      v('firmware-theme', forever(signalBlink(COLOR.magenta, T.BLINK_PERIOD_MS.fast, 'firmware-update')), SRC.theme),
      v('bootloader-apply', forever(blink(COLOR.magenta, T.BOOTLOADER_FAST_TOGGLE_MS, T.BOOTLOADER_FAST_TOGGLE_MS, 1, 'firmware-update')), {
        ...SRC.bootloader,
        note: 'applying a downloaded update at boot: fast toggle',
      }),
      v('bootloader-safe-mode-entry', forever(blink(COLOR.magenta, T.BOOTLOADER_SLOW_TOGGLE_MS, T.BOOTLOADER_SLOW_TOGGLE_MS, 1, 'safe-mode')), {
        ...SRC.bootloader,
        note: 'button held ≥1 s at reset: safe mode armed (slow toggle)',
      }),
      v('docs', forever(blink(COLOR.magenta, T.DOCS_BLINK_MS, T.DOCS_BLINK_MS)), SRC.docs),
    ],
    tolerance: T.TOLERANCE.irregular,
    devices: ALL,
    meaning: {
      default:
        'Receiving or installing firmware: an update sent from the Web IDE, Workbench or the CLI (or a Device OS upgrade the cloud pushes on first connection) is being downloaded or applied. If the MODE button is being held during a reset, slow blinking magenta instead means safe mode is armed: letting go now boots into safe mode.',
      photon:
        'Receiving or installing firmware: an update sent from the Web IDE, Workbench or the CLI (or a Device OS upgrade the cloud pushes on first connection) is being downloaded or applied. If the SETUP button is being held during a reset, slow blinking magenta instead means safe mode is armed: letting go now boots into safe mode.',
    },
    advice: {
      default:
        'Keep the device powered and online until it restarts by itself; a Device OS upgrade can take several minutes. If it never finishes, put the device in DFU mode and flash it over USB with the CLI.',
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'connecting-network',
    name: 'Blinking green',
    seedHeadings: ['Looking for internet'],
    colors: ['green'],
    family: 'blink',
    variants: [
      v('firmware', forever(signalBlink(green, T.BLINK_PERIOD_MS.normal, 'network-connecting')), SRC.theme),
      v('firmware-dhcp', forever(signalBlink(green, T.BLINK_PERIOD_MS.fast, 'network-dhcp')), {
        ...SRC.theme,
        note: 'LED_SIGNAL_NETWORK_DHCP: joined, waiting for an address',
      }),
    ],
    tolerance: T.TOLERANCE.blink,
    devices: ALL,
    meaning: {
      default: 'Looking for the network: the device is trying to join its network (fast blinking: joined, waiting for an address).',
      photon: 'Trying to join Wi-Fi. Fast blinking green means it has joined but is still waiting for an IP address from DHCP.',
      argon: 'Trying to join Wi-Fi. Fast blinking green means it has joined but is still waiting for an IP address from DHCP.',
      ...cellularText('Trying to register on a cellular network. This can take from seconds to several minutes.'),
      xenon: 'Trying to join its mesh network.',
    },
    advice: {
      default: 'Check that the network it should join is up and in range.',
      photon: `If it never gets past blinking green: corporate or school networks using WPA2 Enterprise (a username as well as a password, 802.1X, RADIUS) need the special WPA2 Enterprise setup; 802.11n-only networks cannot be joined by a Photon running Device OS 0.7.0 or later. ${WIFI_CHECKLIST}`,
      argon: `If it never gets past blinking green: ${WIFI_CHECKLIST}`,
      ...cellularText(CELLULAR_CHECKLIST),
      electron: `${CELLULAR_CHECKLIST} 2G/3G devices such as the Electron need a LiPo battery attached: USB alone may not deliver the current to connect, especially on 2G.`,
      boron: `${CELLULAR_CHECKLIST} 2G/3G models need a battery attached (USB alone may not supply enough current); LTE Cat M1 models can connect without one.`,
      xenon: 'Check that the gateway of its mesh network is powered and online, and that the mesh network still exists (mesh was removed in Device OS 2.0).',
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'connecting-cloud',
    name: 'Blinking cyan',
    seedHeadings: ['Connecting to the cloud'],
    colors: ['cyan'],
    family: 'blink',
    variants: [
      v('firmware', forever(signalBlink(cyan, T.BLINK_PERIOD_MS.normal, 'cloud-connecting')), SRC.theme),
      v('firmware-handshake', forever(signalBlink(cyan, T.BLINK_PERIOD_MS.fast, 'cloud-handshake')), {
        ...SRC.theme,
        note: 'LED_SIGNAL_CLOUD_HANDSHAKE: secure handshake in progress',
      }),
    ],
    tolerance: T.TOLERANCE.blink,
    devices: ALL,
    meaning: {
      default:
        'On the network and connecting to the Particle cloud; fast blinking cyan is the secure handshake. Normally seen for a few seconds right after blinking green.',
    },
    advice: {
      default:
        'Wait a few seconds. If it keeps blinking cyan, or orange, red or magenta blinks interrupt it, see the cloud error modes: check that the network really reaches the internet, that no firewall blocks outgoing traffic to the Particle cloud, and the device keys.',
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'listening',
    name: 'Blinking dark blue',
    seedHeadings: ['Listening mode'],
    colors: ['blue'],
    family: 'blink',
    variants: [
      v('firmware', forever(signalBlink(COLOR.blue, T.BLINK_PERIOD_MS.slow, 'listening')), SRC.theme),
      v('docs', forever(blink(COLOR.blue, T.DOCS_LISTENING_MS, T.DOCS_LISTENING_MS)), SRC.docs),
    ],
    tolerance: T.TOLERANCE.blink,
    devices: ALL,
    meaning: {
      default: 'Listening mode: waiting to be configured over USB serial or BLE.',
      photon: 'Listening mode: waiting for Wi-Fi credentials from the mobile app or over USB.',
      electron: 'Listening mode. On an Electron this almost always means it could not read its SIM card, so it cannot reach a tower and falls back to waiting for configuration.',
      argon:
        'Listening mode: waiting for setup from the mobile app (BLE) or over USB serial. Without a completed setup (setup-done flag) a Gen 3 device returns here; from Device OS 4.0 Wi-Fi devices leave it on their own once credentials are set.',
      boron:
        'Listening mode: waiting for setup from the mobile app (BLE) or over USB serial. Before Device OS 4.0 a Gen 3 device returns here until setup is marked complete; from 4.0 cellular devices go straight to blinking green instead.',
      xenon: 'Listening mode: waiting for mesh setup from the mobile app (BLE) or configuration over USB serial; without a completed setup (setup-done flag) a Gen 3 device returns here.',
      'tracker-som':
        'Listening mode: waiting for setup over BLE or USB serial. Before Device OS 4.0 a Gen 3 device returns here until setup is marked complete; from 4.0 cellular devices go straight to blinking green instead.',
    },
    advice: {
      default: 'To enter it on purpose hold MODE for about three seconds, or run `particle usb start-listening`.',
      photon: 'Set up Wi-Fi with the Particle app or over USB. To enter it on purpose hold SETUP for about three seconds, or run `particle usb start-listening`.',
      electron:
        'Check the SIM: is it inserted, and pushed fully home? Try a cold boot (unplug USB and battery until the LED is dark, then reconnect). Inspect the SIM holder: every contact should be soldered and leave a mark on the SIM; lift a bent-down spring pin gently with tweezers. Pressing on the SIM while tapping RESET and seeing blinking green points to a loose holder.',
      argon: 'If the device was set up over USB or its configuration was reset, mark setup complete with `particle usb setup-done` (not needed from Device OS 4.0). To enter it on purpose hold MODE for about three seconds.',
      boron: 'If the device was set up over USB or its configuration was reset, mark setup complete with `particle usb setup-done` (not needed from Device OS 4.0). To enter it on purpose hold MODE for about three seconds.',
      xenon: 'If the device was set up over USB or its configuration was reset, mark setup complete with `particle usb setup-done`. To enter it on purpose hold MODE for about three seconds.',
      'tracker-som': 'If the device was set up over USB or its configuration was reset, mark setup complete with `particle usb setup-done` (not needed from Device OS 4.0).',
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'signal-strength',
    name: 'Green signal-strength bars',
    seedHeadings: ['Cellular signal strength'],
    colors: ['green'],
    family: 'composite',
    variants: [
      v(
        'firmware',
        {
          intro: [solid(DIM_GREEN, T.SIGNAL_DELAY_MS)],
          loop: [dimBlink(green, DIM_GREEN, T.SIGNAL_BAR_ON_MS, T.SIGNAL_BAR_OFF_MS, 'code'), solid(DIM_GREEN, T.SIGNAL_DELAY_MS - T.SIGNAL_BAR_OFF_MS)],
          repeat: 1,
        },
        { ...SRC.signalBars, note: 'dim 750, bars of 50 bright / 350 dim, dim 750 after the last bar' },
      ),
      v(
        'docs',
        forever(
          solid(DOCS_DIM_GREEN, T.DOCS_SIGNAL_LEAD_MS),
          dimBlink(green, DOCS_DIM_GREEN, T.DOCS_SIGNAL_BAR_ON_MS, T.DOCS_SIGNAL_BAR_OFF_MS, 'code'),
          off(T.DOCS_SIGNAL_TAIL_OFF_MS),
        ),
        SRC.docs,
      ),
    ],
    tolerance: T.TOLERANCE.coded,
    devices: devicesWith('cellular-strength'),
    meaning: {
      default:
        'Signal-strength readout after a single tap of MODE: the bright green flashes over a dim green glow count the cellular signal in bars (0 to 5, more is stronger).',
    },
    advice: {
      default: 'With one bar or none, move the device or its antenna (away from metal, higher up, near a window) or fit a larger external antenna.',
    },
    codes: { min: 0, max: T.SIGNAL_BARS_MAX, entries: [...SIGNAL_BAR_CODES], kind: 'reading', unit: { one: 'bar', many: 'bars' } },
    severity: 'event',
    group: 'standard',
  },
  {
    id: 'network-reset',
    name: 'Fast blinking blue',
    seedHeadings: ['Network reset (fast blinking blue)', 'Wi-Fi network reset'],
    colors: ['blue'],
    family: 'blink',
    variants: [
      v('firmware', once(blink(COLOR.blue, T.BLINK_PERIOD_MS.fast / 2, T.BLINK_PERIOD_MS.fast / 2, T.NETWORK_RESET_BLINKS)), {
        ...SRC.assumed,
        note: 'LED-service fast blink; the length of the indication is our assumption',
      }),
      v(
        'docs',
        forever(
          blink(COLOR.blue, T.DOCS_BLINK_MS, T.DOCS_BLINK_MS, T.NETWORK_RESET_BLINKS),
          blink(COLOR.blue, T.DOCS_FAST_BLINK_MS, T.DOCS_FAST_BLINK_MS, T.NETWORK_RESET_BLINKS),
        ),
        SRC.docs,
      ),
    ],
    tolerance: T.TOLERANCE.blink,
    devices: DEVICE_IDS.filter((d) => d === 'photon' || devicesWith('gen3').includes(d)),
    meaning: {
      default:
        'Network settings are being erased: MODE was held about ten more seconds after listening mode started. Gen 3 devices forget their mesh settings and the setup-complete flag (the Argon also its Wi-Fi networks, the Boron its APN and SIM choice, Ethernet its enable flag) and go back to listening mode.',
      photon: 'The stored Wi-Fi networks are being erased: SETUP was held about ten more seconds after listening mode started.',
    },
    advice: {
      default: 'Release the button and set the device up again. If that was not the intent, let go of the button sooner next time (three seconds enters listening mode only).',
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'network-off',
    name: 'Breathing white',
    seedHeadings: ['Cellular off', 'Wi-Fi off'],
    colors: ['white'],
    family: 'breathe',
    variants: [
      v('firmware', forever(breathe(COLOR.white, T.BREATHE_PERIOD_MS.normal, 'triangle', 1, 'network-off')), SRC.theme),
      v('docs', forever(breathe(COLOR.white, T.DOCS_BREATHE_PERIOD_MS, 'half-sine')), SRC.docs),
    ],
    tolerance: T.TOLERANCE.breathe,
    devices: ALL,
    meaning: {
      default: 'The network radio is off: the firmware runs but has not turned the network on.',
      photon: 'The Wi-Fi module is off: the firmware runs but has not turned Wi-Fi on.',
      argon: 'The Wi-Fi module is off: the firmware runs but has not turned Wi-Fi on.',
      ...cellularText('The cellular modem is off: the firmware runs but has not turned cellular on.'),
      xenon: 'The mesh radio is off: the firmware runs but has not turned the network on.',
    },
    advice: {
      default:
        'Expected when the application uses SYSTEM_MODE(MANUAL) or SEMI_AUTOMATIC and has not connected yet, or after it called Cellular.off() or WiFi.off(). Call Particle.connect() (or turn the radio on) when the device should go online.',
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'safe-mode',
    name: 'Breathing magenta',
    seedHeadings: ['Safe mode'],
    colors: ['magenta'],
    family: 'breathe',
    variants: [
      v('firmware', forever(breathe(COLOR.magenta, T.BREATHE_PERIOD_MS.normal, 'triangle', 1, 'safe-mode')), SRC.theme),
      v('docs', forever(breathe(COLOR.magenta, T.DOCS_BREATHE_PERIOD_MS, 'half-sine')), SRC.docs),
    ],
    tolerance: T.TOLERANCE.breathe,
    devices: ALL,
    meaning: {
      default:
        'Safe mode: Device OS is running and connected to the cloud, but the application is not. The device also lands here by itself when it has no application or the one it has is not valid for the installed Device OS.',
    },
    advice: {
      default: `Use it to flash a corrected application over the air. To enter it: ${SAFE_MODE_STEPS}. If the device keeps entering safe mode by itself, flash an application built for the installed Device OS version (or update Device OS).`,
      photon: `Use it to flash a corrected application over the air. To enter it: ${SAFE_MODE_STEPS.replace(/MODE/g, 'SETUP')}. If the device keeps entering safe mode by itself, flash an application built for the installed Device OS version (or update Device OS).`,
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'dfu',
    name: 'Blinking yellow',
    seedHeadings: ['DFU Mode (device firmware upgrade)'],
    colors: ['yellow'],
    family: 'blink',
    variants: [
      v('firmware', forever(blink(COLOR.yellow, T.BOOTLOADER_SLOW_TOGGLE_MS, T.BOOTLOADER_SLOW_TOGGLE_MS, 1, 'dfu')), {
        ...SRC.bootloader,
        note: 'DFU runs in the bootloader: slow toggle',
      }),
      v('firmware-system', forever(signalBlink(COLOR.yellow, T.BLINK_PERIOD_MS.normal, 'dfu')), SRC.theme),
    ],
    tolerance: T.TOLERANCE.blink,
    devices: ALL,
    meaning: { default: 'DFU mode: the bootloader waits for Device OS, application or other firmware to be written over USB.' },
    advice: {
      default:
        'Flash over USB with the CLI (e.g. `particle flash --local <file>` or `particle update`). To enter it: hold RESET and MODE, let go of RESET, keep MODE held past blinking magenta until it blinks yellow, then release; or run `particle usb dfu`. On Windows it needs the DFU driver (installed by the CLI installer); if dfu-util cannot find the device on a USB 3 port, try a USB 2 port.',
      photon:
        'Flash over USB with the CLI (e.g. `particle flash --local <file>` or `particle update`). To enter it: hold RESET and SETUP, let go of RESET, keep SETUP held past blinking magenta until it blinks yellow, then release; or run `particle usb dfu`. On Windows it needs the DFU driver (installed by the CLI installer); if dfu-util cannot find the device on a USB 3 port, try a USB 2 port.',
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'firmware-reset',
    name: 'Fast blinking yellow (Gen 3) / green (Electron)',
    seedHeadings: ['Firmware reset'],
    colors: ['yellow', 'green'],
    family: 'blink',
    variants: [
      v('firmware', forever(blink(COLOR.yellow, T.BOOTLOADER_FAST_TOGGLE_MS, T.BOOTLOADER_FAST_TOGGLE_MS)), SRC.bootloader, GEN3_ABX),
      v('firmware-gen2', forever(blink(green, T.BOOTLOADER_FAST_TOGGLE_MS, T.BOOTLOADER_FAST_TOGGLE_MS)), {
        ...SRC.bootloader,
        note: 'button held > 6.5 s: RGB_COLOR_GREEN, fast toggle',
      }, ['electron']),
      v('docs', forever(blink(COLOR.yellow, T.DOCS_FAST_BLINK_MS, T.DOCS_FAST_BLINK_MS)), SRC.docs, GEN3_ABX),
      v('docs-electron', forever(blink(green, T.DOCS_BLINK_MS, T.DOCS_BLINK_MS)), SRC.docs, ['electron']),
    ],
    tolerance: T.TOLERANCE.blink,
    devices: ['electron', ...GEN3_ABX],
    meaning: {
      default: 'Firmware reset: the bootloader is restoring the backup copy of the application kept in external flash (reached by holding MODE through magenta and yellow).',
      electron: 'Firmware reset: the bootloader is restoring the backup copy of the application kept in flash (MODE held through magenta and yellow until it blinks green).',
    },
    advice: {
      default:
        'Let go of MODE as soon as the fast blinking starts; holding on leads to a factory reset that also clears settings. It only does something if a backup image was stored first (in DFU mode, with dfu-util to address 0x80200000). For a plain recovery, safe mode is usually enough.',
      electron:
        'Let go of MODE as soon as the blinking starts; holding on also clears settings. It only works if a backup image was stored first: in DFU mode run `particle flash --factory <file.bin>`. For a plain recovery, safe mode is usually enough.',
    },
    severity: 'state',
    group: 'standard',
  },
  {
    id: 'factory-reset',
    name: 'Fast blinking white',
    seedHeadings: ['Factory reset'],
    colors: ['white'],
    family: 'blink',
    variants: [
      v('firmware', forever(blink(COLOR.white, T.BOOTLOADER_FAST_TOGGLE_MS, T.BOOTLOADER_FAST_TOGGLE_MS)), {
        ...SRC.bootloader,
        note: 'button held > 10 s: white, fast toggle',
      }),
      v('docs', forever(blink(COLOR.white, T.DOCS_FAST_BLINK_MS, T.DOCS_FAST_BLINK_MS)), SRC.docs, GEN3_ABX),
    ],
    tolerance: T.TOLERANCE.blink,
    // The Electron is included because its "Firmware reset" section says the LED flashes "green
    // or white": white is the >10 s hold of the same bootloader (bootloader/src/main.c).
    devices: ['electron', ...GEN3_ABX],
    meaning: {
      default:
        'Factory reset: the bootloader restores the backup application (if one was stored) and clears network settings (Wi-Fi credentials on the Argon, APN and SIM choice on the Boron, the Ethernet flag) and the setup-complete flag, so the device starts setup again.',
      electron: 'Factory reset: the bootloader restores the backup application (if one was stored) and clears the stored settings.',
    },
    advice: {
      default:
        'Set the device up again afterwards. Gen 3 devices leave the factory without a backup application, so store one first if you want this to restore a known program.',
      electron: 'Set the device up again afterwards.',
    },
    severity: 'state',
    group: 'standard',
  },

  // ================= troubleshooting modes =================
  {
    id: 'power-issue',
    name: 'Blinking green with white flashes',
    seedHeadings: ['Connecting to internet (power issue)'],
    colors: ['green', 'white'],
    family: 'composite',
    variants: [
      v(
        'firmware',
        forever(solid(COLOR.white, T.BOOT_WHITE_MS), signalBlink(green, T.BLINK_PERIOD_MS.normal, 'network-connecting', T.POWER_ISSUE_BLINKS)),
        { ...SRC.docs, note: 'reboot (white) then network connecting, looping; counts from the docs page' },
      ),
    ],
    tolerance: T.TOLERANCE.blink,
    devices: ALL,
    meaning: {
      default:
        'Brown-out loop: the device keeps rebooting (the white flash) while it tries to connect (blinking green), because its power supply sags when the radio transmits. Most common on cellular devices, 2G/3G ones above all.',
    },
    advice: {
      default: 'Power it from a supply and USB cable that can deliver enough current (no unpowered hubs or long thin cables) and attach a charged LiPo battery.',
      ...cellularText(
        'Attach a charged LiPo battery (2G/3G models need one) and use a supply and USB cable that can deliver enough current; avoid unpowered hubs and long thin cables.',
      ),
    },
    severity: 'fault',
    group: 'troubleshooting',
  },
  {
    id: 'network-not-connected',
    name: 'Breathing dark blue',
    seedHeadings: ['Cellular module not connected', 'Wi-Fi Module not connected'],
    colors: ['blue'],
    family: 'breathe',
    variants: [
      v('firmware', forever(breathe(COLOR.blue, T.BREATHE_PERIOD_MS.normal, 'triangle', 1, 'network-on')), SRC.theme),
      v('docs', forever(breathe(COLOR.blue, T.DOCS_BREATHE_PERIOD_MS, 'half-sine')), SRC.docs),
    ],
    tolerance: T.TOLERANCE.breathe,
    devices: ['photon', 'electron'],
    meaning: {
      default: 'The network module is powered but not connected to a network (dark blue, not cyan).',
      photon: 'The Wi-Fi module is on but has not joined a network (dark blue, not cyan).',
      electron: 'The cellular modem is on but not connected to a tower (dark blue, not cyan).',
    },
    advice: {
      default: 'The application turned the radio on without connecting, or no network can be reached.',
      photon: 'The application may have called WiFi.on() without WiFi.connect(); otherwise check the stored credentials and that the network is in range.',
      electron: 'The application may have called Cellular.on() without Cellular.connect(); otherwise check the SIM, antenna and coverage.',
    },
    severity: 'state',
    group: 'troubleshooting',
  },
  {
    id: 'cloud-not-connected',
    name: 'Breathing green',
    seedHeadings: ['Cloud not connected'],
    colors: ['green'],
    family: 'breathe',
    variants: [
      v('firmware', forever(breathe(green, T.BREATHE_PERIOD_MS.normal, 'triangle', 1, 'network-connected')), SRC.theme),
      v('docs', forever(breathe(green, T.DOCS_BREATHE_PERIOD_MS, 'half-sine')), SRC.docs),
    ],
    tolerance: T.TOLERANCE.breathe,
    devices: ALL,
    meaning: {
      default: 'On the network but not connected to the Particle cloud, so cloud flashing (Web IDE, Workbench, CLI) does not reach it.',
      photon: 'On Wi-Fi but not connected to the Particle cloud, so cloud flashing (Web IDE, Workbench, CLI) does not reach it.',
      argon: 'On Wi-Fi but not connected to the Particle cloud, so cloud flashing (Web IDE, Workbench, CLI) does not reach it.',
      ...cellularText('On cellular but not connected to the Particle cloud, so cloud flashing (Web IDE, Workbench, CLI) does not reach it.'),
    },
    advice: {
      default:
        'Usually the application starves the cloud: loop() never returns, or a call blocks (a sensor library waiting for missing hardware, a function that never comes back). Return from loop() regularly, call Particle.process() inside long waits, or add SYSTEM_THREAD(ENABLED) so the cloud runs in its own thread (then wait for Particle.connected() before publishing). To flash the fix, boot into safe mode (breathing magenta) first.',
      photon:
        'Usually the application starves the cloud: loop() never returns, or a call blocks (a sensor library waiting for missing hardware, a function that never comes back). Return from loop() regularly, call Particle.process() inside long waits, or add SYSTEM_THREAD(ENABLED) so the cloud runs in its own thread (then wait for Particle.connected() before publishing). To flash the fix, boot into safe mode (breathing magenta) first. It is also what you see on purpose when an application in SEMI_AUTOMATIC or MANUAL mode brings up Wi-Fi but not the cloud.',
      argon:
        'Usually the application starves the cloud: loop() never returns, or a call blocks (a sensor library waiting for missing hardware, a function that never comes back). Return from loop() regularly, call Particle.process() inside long waits, or add SYSTEM_THREAD(ENABLED) so the cloud runs in its own thread (then wait for Particle.connected() before publishing). To flash the fix, boot into safe mode (breathing magenta) first. It is also what you see on purpose when an application in SEMI_AUTOMATIC or MANUAL mode brings up Wi-Fi but not the cloud.',
    },
    severity: 'state',
    group: 'troubleshooting',
  },
  {
    id: 'rainbow',
    name: 'Rainbow',
    seedHeadings: ['Rainbows/Nyan'],
    colors: ['blue', 'green', 'yellow', 'orange', 'red'],
    family: 'composite',
    variants: [
      v('firmware', forever(...RAINBOW_FIRMWARE.map((c) => solid(c, T.RAINBOW_STEP_MS))), SRC.rainbow),
      v('docs', forever(...RAINBOW_DOCS.map((c) => solid(c, T.RAINBOW_STEP_MS))), SRC.docs),
    ],
    tolerance: T.TOLERANCE.blink,
    devices: ALL,
    meaning: {
      default: 'Identify signal: someone asked the cloud to make this device show a rainbow (Signal in the Web IDE, or `particle cloud nyan`), to tell it apart from its neighbours.',
    },
    advice: { default: 'Nothing is wrong. Stop it by running the nyan command again with `off`, or from the Web IDE.' },
    severity: 'event',
    group: 'troubleshooting',
  },
  {
    id: 'handshake-decryption-error',
    name: 'Blinking cyan, 1 orange blink',
    seedHeadings: ['Red blink basic errors'],
    colors: ['orange', 'cyan'],
    family: 'composite',
    variants: handshakeVariants(COLOR.orange),
    tolerance: T.TOLERANCE.coded,
    devices: ALL,
    meaning: { default: 'Cloud handshake failed with a decryption error: the device and the cloud could not read each other\'s messages, usually because of mismatched keys.' },
    advice: { default: KEYS_ADVICE },
    severity: 'fault',
    group: 'troubleshooting',
  },
  {
    id: 'handshake-no-internet',
    name: 'Blinking cyan, 2 orange blinks',
    seedHeadings: ['Red blink basic errors'],
    colors: ['orange', 'cyan'],
    family: 'composite',
    variants: [
      ...cloudErrorVariants(2),
    ],
    tolerance: T.TOLERANCE.coded,
    devices: ALL,
    meaning: { default: 'The device is on its local network but could not reach the internet, so it cannot get to the Particle cloud.' },
    advice: {
      default: 'Check that the network has working internet access (router uplink, DNS) and is not holding traffic behind a sign-in page or firewall.',
      ...cellularText('Check that the SIM has an active data plan and the right APN, and that the carrier provides data service at this location.'),
    },
    severity: 'fault',
    group: 'troubleshooting',
  },
  {
    id: 'handshake-cloud-unreachable',
    name: 'Blinking cyan, 3 orange blinks',
    seedHeadings: ['Red blink basic errors'],
    colors: ['orange', 'cyan', 'yellow', 'red'],
    family: 'composite',
    variants: [
      ...cloudErrorVariants(3),
      // the firmware drives orange for every count above one (DESIGN.md §1): the page's yellow or red
      // is how the blinks may look, and the state stays the orange one
      ...(['yellow', 'red'] as const).map((c) => ({
        ...v(
          `seen-as-${c}`,
          cloudErrorPattern(COLOR[c], 3, T.CLOUD_ERROR_ON_MS, T.CLOUD_ERROR_OFF_MS),
          { ...SRC.docs, note: `the page: "sometimes is seen as yellow or red" (bad server keys)` },
        ),
        drivenColor: 'orange' as const,
      })),
    ],
    tolerance: T.TOLERANCE.coded,
    devices: ALL,
    meaning: {
      default: 'The internet is reachable but the Particle cloud did not answer. Seen as yellow or red instead of orange, it points to bad server keys on the device.',
    },
    advice: {
      default: `Check that no firewall blocks outgoing traffic to the Particle cloud. If the blinks look yellow or red, or the network is fine: ${KEYS_ADVICE}`,
    },
    severity: 'fault',
    group: 'troubleshooting',
  },
  {
    id: 'handshake-auth-error',
    name: 'Blinking cyan, 1 magenta blink',
    seedHeadings: ['Red blink basic errors'],
    colors: ['magenta', 'cyan'],
    family: 'composite',
    variants: handshakeVariants(COLOR.magenta),
    tolerance: T.TOLERANCE.coded,
    devices: ALL,
    meaning: { default: 'Cloud handshake failed authentication: the cloud did not accept the device\'s identity (its keys do not match what the cloud has on record).' },
    advice: { default: KEYS_ADVICE },
    severity: 'fault',
    group: 'troubleshooting',
  },
  {
    id: 'handshake-error',
    name: 'Blinking cyan, 1 red blink',
    seedHeadings: ['Red blink basic errors'],
    colors: ['red', 'cyan'],
    family: 'composite',
    variants: handshakeVariants(COLOR.red),
    tolerance: T.TOLERANCE.coded,
    devices: ALL,
    meaning: { default: 'Cloud handshake failed for another reason: wrong keys on the device, or a generic error during the handshake.' },
    advice: { default: KEYS_ADVICE },
    severity: 'fault',
    group: 'troubleshooting',
  },
  {
    id: 'sos',
    name: 'Red SOS',
    seedHeadings: ['Red flash SOS'],
    colors: ['red'],
    family: 'composite',
    variants: [
      v('firmware', { loop: sosLoop(), repeat: T.SOS_REPEATS, then: 'reboot' }, SRC.panic),
      v(
        'docs',
        {
          loop: [...sosGroups(), blink(COLOR.red, T.SOS_CODE_ON_MS, T.SOS_CODE_OFF_MS, 'code'), ...sosGroups(T.SOS_PRE_CODE_PAUSE_MS + T.DOCS_SOS_LOOP_PAUSE_MS)],
          repeat: Infinity,
        },
        { ...SRC.docs, note: 'SOS, code, SOS, 2700 ms pause, looping forever' },
      ),
    ],
    tolerance: T.TOLERANCE.sos,
    devices: ALL,
    meaning: {
      default: 'The firmware crashed (a panic): red SOS (three short, three long, three short), then the panic code as a count of long blinks, played twice before the device resets.',
    },
    advice: {
      default: `Boot into safe mode (${SAFE_MODE_STEPS}) and flash a known-good program, e.g. \`particle flash <device> tinker\`; if the SOS stops, the crash is in your application or a library it uses. The code's own advice narrows it down.`,
      photon: `Boot into safe mode (${SAFE_MODE_STEPS.replace(/MODE/g, 'SETUP')}) and flash a known-good program, e.g. \`particle flash <device> tinker\`; if the SOS stops, the crash is in your application or a library it uses. The code's own advice narrows it down.`,
    },
    codes: { min: T.SOS_CODE_MIN, max: T.SOS_CODE_MAX, entries: [...SOS_CODES], kind: 'fault-code' },
    severity: 'fault',
    group: 'troubleshooting',
  },
  {
    id: 'solid',
    name: 'Solid colour',
    seedHeadings: ['Solid colors'],
    colors: [...COLOR_NAMES],
    family: 'solid',
    variants: [v('firmware', hold(solid(COLOR.cyan, Infinity)), { ...SRC.docs, note: 'the colour is a parameter; cyan stands in' })],
    tolerance: T.TOLERANCE.solid,
    devices: ALL,
    meaning: {
      default:
        'The LED stopped animating. Apart from solid magenta while code loads over serial (YMODEM), this means the firmware hung, crashed or looped with interrupts off, leaving the last colour on (e.g. cyan frozen from breathing cyan, red frozen in an SOS).',
    },
    advice: {
      default:
        'Reset the device. If it freezes again, suspect the application (an endless loop with interrupts disabled, a crash inside an interrupt handler); boot into safe mode to flash a fix.',
    },
    colorParam: [...COLOR_NAMES],
    severity: 'state',
    group: 'troubleshooting',
  },
  {
    id: 'off',
    name: 'No status LED',
    seedHeadings: ['No status LED', 'Soft power off'],
    colors: [],
    family: 'off',
    variants: [
      v('firmware', hold(off(Infinity)), SRC.docs),
      v('firmware-power-off', hold(solid(POWER_OFF_GREY, Infinity, 'power-off')), { ...SRC.theme, note: 'LED_SIGNAL_POWER_OFF: very dim grey' }),
      v(
        'docs-soft-power-off',
        { loop: [breathe(cyan, T.DOCS_BREATHE_PERIOD_MS, 'half-sine', 2), solid(COLOR.white, T.DOCS_SOFT_OFF_WHITE_MS), off(T.DOCS_SOFT_OFF_DARK_MS)], repeat: Infinity },
        SRC.docs,
        ['electron'],
      ),
    ],
    tolerance: T.TOLERANCE.solid,
    devices: ALL,
    meaning: {
      default:
        'The status LED is dark: no power, the application turned the LED off, or the bootloader is missing or corrupt (then the LED never lights, even at power-up).',
      photon:
        'The status LED is dark: no power, the application turned the LED off, or — when the LED never lights at power-up but the small blue D7 LED glows dimly — the bootloader is missing or corrupt.',
      electron:
        'The status LED is dark: no power, soft power off (a double tap of MODE, the lowest-power state), the application turned the LED off, or — when the LED never lights at power-up but the small blue D7 LED glows dimly — the bootloader is missing or corrupt.',
      'tracker-som':
        'The status LED is dark: no power, the LED turned off in the Tracker settings or by the application, or the bootloader is missing or corrupt (then the LED never lights, even at power-up).',
    },
    advice: {
      default:
        'Check power first. Then unplug USB and battery and plug USB back in while holding MODE; if the LED still shows nothing, the bootloader probably needs restoring with a JTAG/SWD programmer, or contact Particle support.',
      photon: 'Check power first. A missing bootloader can be restored with a JTAG/SWD programmer; without one, contact Particle support.',
      electron:
        'Check power first; tap RESET to wake from soft power off. A missing bootloader can be restored with a JTAG/SWD programmer; without one, contact Particle support.',
    },
    severity: 'state',
    group: 'troubleshooting',
  },

  // ================= Tracker LED scheme =================
  {
    id: 'tracker-connecting-cellular',
    name: 'Fast breathing red (Tracker)',
    seedHeadings: ['Connecting to cellular - Tracker'],
    colors: ['red'],
    family: 'breathe',
    variants: [
      v('firmware', forever(breathe(COLOR.red, T.TRACKER_NO_CELL_BREATHE_MS, 'triangle')), SRC.tracker),
      v('docs', forever(breathe(COLOR.red, 2 * T.DOCS_TRACKER_NO_CELL_DURATION_MS, 'half-sine')), SRC.docs),
    ],
    tolerance: T.TOLERANCE.breathe,
    devices: ['tracker-som'],
    meaning: { default: 'Tracker LED scheme: looking for a cellular network (no recent signal reading yet).' },
    advice: { default: CELLULAR_CHECKLIST },
    severity: 'state',
    group: 'tracker',
  },
  {
    id: 'tracker-connecting-cloud',
    name: 'Breathing yellow or green (Tracker)',
    seedHeadings: ['Connecting to the cloud - Tracker'],
    colors: ['yellow', 'green'],
    family: 'breathe',
    variants: [
      v('firmware', forever(breathe(COLOR.yellow, T.TRACKER_CLOUD_BREATHE_MS, 'triangle')), { ...SRC.tracker, note: 'the colour is a parameter: yellow below 70% signal, green at or above' }),
      v('docs', forever(breathe(COLOR.yellow, 2 * T.DOCS_TRACKER_CLOUD_DURATION_MS, 'half-sine')), SRC.docs),
    ],
    tolerance: T.TOLERANCE.breathe,
    devices: ['tracker-som'],
    meaning: {
      default: 'Tracker LED scheme: on cellular and connecting to the cloud. Yellow means a weaker signal (below 70%), green a stronger one.',
    },
    advice: { default: 'Wait for it to turn solid. If it stays yellow, improve the antenna position for a stronger signal.' },
    colorParam: ['yellow', 'green'],
    severity: 'state',
    group: 'tracker',
  },
  {
    id: 'tracker-connected',
    name: 'Solid yellow or green (Tracker)',
    seedHeadings: ['Connected to cellular - Tracker'],
    colors: ['yellow', 'green'],
    family: 'solid',
    variants: [v('firmware', hold(solid(COLOR.yellow, Infinity)), { ...SRC.tracker, note: 'the colour is a parameter: yellow below 70% signal, green at or above' })],
    tolerance: T.TOLERANCE.solid,
    devices: ['tracker-som'],
    meaning: {
      default: 'Tracker LED scheme: connected to the cloud and working normally. Yellow means a weaker cellular signal (below 70%), green a stronger one.',
    },
    advice: { default: 'Nothing to fix. Persistent yellow means a marginal signal; a better antenna position helps.' },
    colorParam: ['yellow', 'green'],
    severity: 'state',
    group: 'tracker',
  },
];

// ---- SOS building blocks (hoisted function declarations used above) ----

/** The three SOS groups; `pauseAfterMs` is the pause after the third group. */
function sosGroups(pauseAfterMs: number = T.SOS_PRE_CODE_PAUSE_MS): Step[] {
  const red = COLOR.red;
  const n = T.SOS_BLINKS_PER_GROUP;
  return [
    blink(red, T.SOS_SHORT_ON_MS, T.SOS_OFF_MS, n),
    off(T.SOS_GROUP_PAUSE_MS),
    blink(red, T.SOS_LONG_ON_MS, T.SOS_OFF_MS, n),
    off(T.SOS_GROUP_PAUSE_MS),
    blink(red, T.SOS_SHORT_ON_MS, T.SOS_OFF_MS, n),
    off(pauseAfterMs),
  ];
}

/** One firmware SOS cycle: groups, code blinks, pause (4600 + 600·code ms). */
function sosLoop(): Step[] {
  return [...sosGroups(), blink(COLOR.red, T.SOS_CODE_ON_MS, T.SOS_CODE_OFF_MS, 'code'), off(T.SOS_POST_CODE_PAUSE_MS)];
}
