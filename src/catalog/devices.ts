import { DEVICE_IDS, type DeviceId } from './types.js';

/**
 * Which device shows what. The seed page (seed/status-led-and-device-modes.md) is one Handlebars
 * template rendered per device; its `{{#if …}}` flags decide which sections each device sees. This
 * table is our reading of those flags for the six seed devices:
 *
 * - photon: Wi-Fi, Gen 2, STM32 (sees the WPA2-Enterprise and 802.11n caveats, Wi-Fi network reset,
 *   "Wi-Fi Module not connected", "Firmware reset is not available").
 * - electron: cellular, Gen 2, STM32 (loose-SIM listening text, soft power off, firmware reset via
 *   the backup image, "Cellular module not connected").
 * - argon: Wi-Fi, Gen 3, one of has-gen3-argon-boron-xenon (firmware/factory reset section).
 * - boron: cellular, Gen 3, cellular signal-strength bars, has-gen3-argon-boron-xenon.
 * - xenon: Gen 3 mesh node with neither Wi-Fi nor cellular radio: the page's `{{network-type}}`
 *   helper (particle-iot/docs templates/helpers/network-type.js) falls through to "mesh" for it, so
 *   it sees the generic "Looking for internet" animation without the Wi-Fi or cellular checklists.
 * - tracker-som: cellular, Gen 3, signal-strength bars, plus the Tracker LED scheme; it is NOT in
 *   has-gen3-argon-boron-xenon, so the page gives it no firmware/factory reset section.
 */
export const CAPABILITIES = [
  'wifi',
  'cellular',
  'mesh',
  'gen2',
  'gen3',
  'stm32',
  'cellular-strength',
  'gen3-argon-boron-xenon',
  'tracker',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const DEVICE_CAPABILITIES: Readonly<Record<DeviceId, readonly Capability[]>> = {
  photon: ['wifi', 'gen2', 'stm32'],
  electron: ['cellular', 'gen2', 'stm32'],
  argon: ['wifi', 'gen3', 'gen3-argon-boron-xenon'],
  boron: ['cellular', 'gen3', 'cellular-strength', 'gen3-argon-boron-xenon'],
  xenon: ['mesh', 'gen3', 'gen3-argon-boron-xenon'],
  'tracker-som': ['cellular', 'gen3', 'cellular-strength', 'tracker'],
};

export const DEVICE_NAMES: Readonly<Record<DeviceId, string>> = {
  photon: 'Photon',
  electron: 'Electron',
  argon: 'Argon',
  boron: 'Boron',
  xenon: 'Xenon',
  'tracker-som': 'Tracker SoM',
};

export function hasCapability(device: DeviceId, capability: Capability): boolean {
  return DEVICE_CAPABILITIES[device].includes(capability);
}

/** Devices with a capability, in the contract's device order. */
export function devicesWith(capability: Capability): DeviceId[] {
  return DEVICE_IDS.filter((d) => hasCapability(d, capability));
}

/** What the page's `{{network-type}}` renders to for a device. */
export function networkType(device: DeviceId): 'Wi-Fi' | 'cellular' | 'mesh' {
  if (hasCapability(device, 'wifi')) return 'Wi-Fi';
  if (hasCapability(device, 'cellular')) return 'cellular';
  return 'mesh';
}

export const ALL_DEVICES: readonly DeviceId[] = DEVICE_IDS;
