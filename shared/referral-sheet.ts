/**
 * Printed on every referral sheet, whatever services it lists: the number the seed documents give for
 * the National Human Trafficking Hotline.
 */
export const NATIONAL_HOTLINE_NUMBER = '1-888-373-7888';
