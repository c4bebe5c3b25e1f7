/**
 * The orders names and versions are listed in, as collators made once: `localeCompare` with options
 * sets one up on every call, which lists of hundreds of thousands of rows cannot afford.
 */

/** Names, case and accents aside ("go" = "Go"). */
export const NAME_ORDER = new Intl.Collator('en', { sensitivity: 'base' });

/** Versions and other texts with numbers in them, the numbers compared as numbers ("1.10" after "1.9"). */
export const NUMBER_AWARE_ORDER = new Intl.Collator('en', { numeric: true });
