import type { CatalogModeId, ColorName } from './types.js';

/**
 * What follows blinking cyan when a cloud connection fails, as the seed page's "Red blink basic
 * errors" section lists it, with the firmware behaviour behind each row
 * (particle-iot/device-os system/src/system_task.cpp):
 * - handshake failures hold a solid colour ~250 ms (orange = decryption, magenta = authentication,
 *   red = anything else); the page calls that "1 blink";
 * - connection failures blink N times 250/250 in orange (N = 2: the internet test failed;
 *   N = 3: the internet works but the Particle cloud does not answer).
 */
export interface CloudErrorRow {
  mode: CatalogModeId;
  color: ColorName;
  /** Blinks the page counts. */
  blinks: number;
  /** How the firmware shows it. */
  firmware: 'hold' | 'blinks';
  /** Colours the page says it is sometimes seen as. */
  seenAs?: ColorName[];
  summary: string;
}

export const CLOUD_ERRORS: readonly CloudErrorRow[] = [
  { mode: 'handshake-decryption-error', color: 'orange', blinks: 1, firmware: 'hold', summary: 'decryption error during the cloud handshake' },
  { mode: 'handshake-no-internet', color: 'orange', blinks: 2, firmware: 'blinks', summary: 'could not reach the internet' },
  {
    mode: 'handshake-cloud-unreachable',
    color: 'orange',
    blinks: 3,
    firmware: 'blinks',
    seenAs: ['yellow', 'red'],
    summary: 'internet reachable but not the Particle cloud (seen as yellow or red: bad server keys)',
  },
  { mode: 'handshake-auth-error', color: 'magenta', blinks: 1, firmware: 'hold', summary: 'authentication error' },
  { mode: 'handshake-error', color: 'red', blinks: 1, firmware: 'hold', summary: 'generic handshake error (wrong keys or another handshake failure)' },
];

/** The row for a colour and blink count, e.g. (orange, 2) → handshake-no-internet. */
export function cloudErrorFor(color: ColorName, blinks: number): CloudErrorRow | undefined {
  return (
    CLOUD_ERRORS.find((r) => r.color === color && r.blinks === blinks) ??
    CLOUD_ERRORS.find((r) => r.blinks === blinks && r.seenAs?.includes(color))
  );
}

export function cloudErrorRow(mode: CatalogModeId): CloudErrorRow | undefined {
  return CLOUD_ERRORS.find((r) => r.mode === mode);
}
