/** What localisation hands to tracking and reports. Isomorphic. */

/** The status LED in displayed full-resolution pixels (rotation applied). */
export interface LedLocation {
  x: number;
  y: number;
  radius: number;
  /** Evidence score of the chosen blob (higher = more LED-like); 1 for a user-given point. */
  score: number;
  /** How it was found: automatic search, search inside `--roi`, or the user's `--at` point. */
  method: 'search' | 'roi' | 'at';
}

export interface Point {
  x: number;
  y: number;
}
